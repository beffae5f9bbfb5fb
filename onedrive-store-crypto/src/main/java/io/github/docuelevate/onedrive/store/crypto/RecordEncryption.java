package io.github.docuelevate.onedrive.store.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadKey;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.spi.StoredIntegration.SecretField;
import io.github.docuelevate.onedrive.spi.UnreadableRecordException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encrypts and decrypts the secret fields of token store records with a Tink AEAD keyset.
 *
 * <p>Each ciphertext is bound, through the AEAD's associated data, to the integration's owner, its
 * integration id and the field it belongs to: a ciphertext copied into another record, another
 * integration or another field fails to decrypt. {@link RecordCodec} also seals each record with
 * it, which binds the fields kept in clear to the ciphertexts. New values are always encrypted with
 * the keyset's primary key; values encrypted with any other enabled key of the keyset still
 * decrypt, which is what makes key rotation possible (see {@link Keysets#rotate} and {@link
 * EncryptedTokenStore#reencryptAll}).
 *
 * <p>Immutable and thread-safe; build one per keyset and share it. {@link #toString()} shows key
 * ids only, never key material.
 */
public final class RecordEncryption {
  /** Secrets of sealed records: a value of a sealed record never decrypts as an unsealed one. */
  private static final byte[] CONTEXT =
      "io.github.docuelevate.onedrive/token-store/v2".getBytes(StandardCharsets.US_ASCII);

  /** Secrets of records written before records were sealed; only decrypted. */
  private static final byte[] UNSEALED_CONTEXT =
      "io.github.docuelevate.onedrive/token-store/v1".getBytes(StandardCharsets.US_ASCII);

  private static final byte[] SEAL_CONTEXT =
      "io.github.docuelevate.onedrive/token-store-seal/v2".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STORE_KEY_CONTEXT =
      "io.github.docuelevate.onedrive/token-store-key/v1".getBytes(StandardCharsets.US_ASCII);

  private final Aead aead;
  private final long primaryKeyId;
  private final List<Long> keyIds;

  private RecordEncryption(Aead aead, long primaryKeyId, List<Long> keyIds) {
    this.aead = aead;
    this.primaryKeyId = primaryKeyId;
    this.keyIds = List.copyOf(keyIds);
  }

  /**
   * Uses a keyset the application holds; its primary key must be an AEAD key (AES-256-GCM from
   * {@link Keysets#generate()} is the default).
   *
   * @param keyset the keyset
   * @return the encryption
   * @throws IllegalArgumentException if the keyset holds a key that is not an AEAD key
   */
  public static RecordEncryption of(KeysetHandle keyset) {
    Objects.requireNonNull(keyset, "keyset");
    Keysets.register();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < keyset.size(); i++) {
      KeysetHandle.Entry entry = keyset.getAt(i);
      if (!(entry.getKey() instanceof AeadKey)) {
        throw new IllegalArgumentException(
            "the keyset must hold AEAD keys only; key "
                + Integer.toUnsignedLong(entry.getId())
                + " is a "
                + entry.getKey().getClass().getSimpleName());
      }
      if (entry.getStatus() == KeyStatus.ENABLED) {
        ids.add(Integer.toUnsignedLong(entry.getId()));
      }
    }
    try {
      Aead aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
      return new RecordEncryption(aead, Integer.toUnsignedLong(keyset.getPrimary().getId()), ids);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the keyset cannot be used for AEAD encryption (" + e.getClass().getSimpleName() + ")",
          null);
    }
  }

  /**
   * Returns the id of the primary key, which encrypts every new value; stores record it with each
   * record so that operators can see which keys are still in use.
   *
   * @return the key id, an unsigned 32-bit value
   */
  public long primaryKeyId() {
    return primaryKeyId;
  }

  /**
   * Returns the ids of the keyset's enabled keys (the ones that can decrypt), in keyset order.
   *
   * @return the key ids
   */
  public List<Long> keyIds() {
    return keyIds;
  }

  /**
   * Encrypts one secret field of one integration with the primary key.
   *
   * @param key the integration the value belongs to
   * @param field the field it is stored in
   * @param value the secret
   * @return the ciphertext (Tink's key-id prefix, nonce, ciphertext and tag)
   * @throws IllegalStateException if the AEAD fails (it does not for a valid keyset)
   */
  public byte[] encrypt(IntegrationKey key, SecretField field, Secret value) {
    Objects.requireNonNull(value, "value");
    try {
      return aead.encrypt(
          value.reveal().getBytes(StandardCharsets.UTF_8), associatedData(CONTEXT, key, field));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "encrypting " + field + " of " + key + " failed (" + e.getClass().getSimpleName() + ")",
          null);
    }
  }

  /**
   * Decrypts one secret field of one integration.
   *
   * @param key the integration the value is read for
   * @param field the field it was read from
   * @param ciphertext the stored ciphertext
   * @return the secret
   * @throws UnreadableRecordException if the ciphertext fails its integrity check: encrypted with a
   *     key this keyset does not hold, corrupted, or copied from another integration or field
   */
  public Secret decrypt(IntegrationKey key, SecretField field, byte[] ciphertext) {
    return decrypt(CONTEXT, key, field, ciphertext);
  }

  /** Decrypts a secret of a record written before records were sealed. */
  Secret decryptUnsealed(IntegrationKey key, SecretField field, byte[] ciphertext) {
    return decrypt(UNSEALED_CONTEXT, key, field, ciphertext);
  }

  private Secret decrypt(byte[] context, IntegrationKey key, SecretField field, byte[] ciphertext) {
    byte[] plain;
    try {
      plain = aead.decrypt(ciphertext, associatedData(context, key, field));
    } catch (GeneralSecurityException e) {
      throw new UnreadableRecordException(
          key,
          field
              + " failed its integrity check: encrypted with a key the keyset does not hold"
              + " (ciphertext key id "
              + describeKeyId(ciphertext)
              + "), corrupted, or copied from another integration or field",
          null);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(plain))
              .toString();
    } catch (CharacterCodingException e) {
      throw new UnreadableRecordException(key, field + " does not decrypt to UTF-8 text", null);
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
    if (text.isEmpty()) {
      throw new UnreadableRecordException(key, field + " decrypts to an empty value", null);
    }
    return Secret.of(text);
  }

  /**
   * Seals a record: an AEAD tag, under the primary key, over its canonical bytes.
   *
   * @param canonical the record's canonical bytes ({@link RecordSeal})
   * @return the seal (Tink's key-id prefix, nonce and tag)
   */
  byte[] seal(byte[] canonical) {
    try {
      return aead.encrypt(new byte[0], sealAssociatedData(canonical));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "sealing a record failed (" + e.getClass().getSimpleName() + ")", null);
    }
  }

  /**
   * Checks a record's seal.
   *
   * @param canonical the record's canonical bytes as read
   * @param seal the stored seal
   * @return {@code true} if the seal was made by a key of this keyset over exactly these bytes
   */
  boolean sealMatches(byte[] canonical, byte[] seal) {
    try {
      return aead.decrypt(seal, sealAssociatedData(canonical)).length == 0;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] sealAssociatedData(byte[] canonical) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(SEAL_CONTEXT.length + canonical.length);
    out.writeBytes(SEAL_CONTEXT);
    out.writeBytes(canonical);
    return out.toByteArray();
  }

  /**
   * Encrypts key material a store keeps for itself (for example the key that derives file names),
   * bound to its purpose; for store implementations.
   *
   * @param purpose what the material is for; the same text must be given to decrypt it
   * @param material the key material
   * @return the ciphertext
   */
  public byte[] encryptStoreKey(String purpose, byte[] material) {
    Objects.requireNonNull(material, "material");
    try {
      return aead.encrypt(material, storeKeyAssociatedData(purpose));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "encrypting the store's " + purpose + " failed (" + e.getClass().getSimpleName() + ")",
          null);
    }
  }

  /**
   * Decrypts key material made by {@link #encryptStoreKey}.
   *
   * @param purpose the purpose given when it was encrypted
   * @param ciphertext the ciphertext
   * @return the key material
   * @throws WrongKeysetException if it does not decrypt with this keyset (wrong keyset, or a key
   *     retired while still in use)
   */
  public byte[] decryptStoreKey(String purpose, byte[] ciphertext) {
    try {
      return aead.decrypt(ciphertext, storeKeyAssociatedData(purpose));
    } catch (GeneralSecurityException e) {
      throw new WrongKeysetException(
          "the store's "
              + purpose
              + " does not decrypt with this keyset (it was encrypted with key "
              + describeKeyId(ciphertext)
              + "; keyset holds "
              + keyIds
              + "): wrong keyset, or that key was retired while still in use");
    }
  }

  private static byte[] storeKeyAssociatedData(String purpose) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.writeBytes(STORE_KEY_CONTEXT);
    out.writeBytes(KeyBytes.of(purpose));
    return out.toByteArray();
  }

  /**
   * Returns the id of the key that produced a ciphertext, read from Tink's output prefix.
   *
   * @param ciphertext a ciphertext made by {@link #encrypt}
   * @return the key id, or -1 if the ciphertext carries no Tink prefix
   */
  public static long keyIdOf(byte[] ciphertext) {
    if (ciphertext.length < 5 || ciphertext[0] != 1) {
      return -1;
    }
    return Integer.toUnsignedLong(ByteBuffer.wrap(ciphertext, 1, 4).getInt());
  }

  private static String describeKeyId(byte[] ciphertext) {
    long id = keyIdOf(ciphertext);
    return id < 0 ? "unknown" : Long.toString(id);
  }

  /**
   * The associated data: a fixed context, then owner, integration id and field name as {@link
   * KeyBytes}, so that no two different triples give the same bytes.
   */
  private static byte[] associatedData(byte[] context, IntegrationKey key, SecretField field) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.writeBytes(context);
    out.writeBytes(KeyBytes.of(key.owner(), key.integrationId(), field.name()));
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "RecordEncryption{primaryKeyId=" + primaryKeyId + ", keyIds=" + keyIds + "}";
  }
}
