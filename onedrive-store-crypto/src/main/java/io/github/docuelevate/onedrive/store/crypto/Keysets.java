package io.github.docuelevate.onedrive.store.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Creates, rotates, loads and saves the Tink keysets that encrypt token store records.
 *
 * <p>Keysets are kept in Tink's JSON format. The recommended form is a keyset encrypted with a
 * master {@link Aead} the application obtains from its key-management service (for example Tink's
 * GCP or AWS KMS integrations); the {@code associatedData} given when saving must be given again
 * when loading. Cleartext keysets are read and written only when the caller passes {@link
 * CleartextKeyset#ACCEPT_UNPROTECTED}.
 *
 * <p>Error messages never contain key material or keyset text.
 */
public final class Keysets {
  private static volatile boolean registered;

  private Keysets() {}

  /** Registers Tink's AEAD key types once; called by every method that needs them. */
  static void register() {
    if (!registered) {
      synchronized (Keysets.class) {
        if (!registered) {
          try {
            AeadConfig.register();
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot register Tink's AEAD key types", e);
          }
          registered = true;
        }
      }
    }
  }

  /**
   * Generates a new keyset with one AES-256-GCM key.
   *
   * @return the keyset
   */
  public static KeysetHandle generate() {
    register();
    try {
      return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an AES-256-GCM keyset", e);
    }
  }

  /**
   * Returns a copy of {@code keyset} with a new AES-256-GCM key added as primary. The old keys stay
   * enabled, so records they encrypted still decrypt; new writes use the new key. Once {@link
   * EncryptedTokenStore#reencryptAll} has rewritten every record and {@link
   * EncryptedTokenStore#keyUsage} shows no record under an old key, that key can be removed.
   *
   * @param keyset the current keyset
   * @return the rotated keyset
   */
  public static KeysetHandle rotate(KeysetHandle keyset) {
    Objects.requireNonNull(keyset, "keyset");
    register();
    try {
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
      builder.addEntry(
          KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
              .withRandomId()
              .makePrimary());
      return builder.build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot add a key to the keyset", e);
    }
  }

  /**
   * Returns a copy of {@code keyset} without the key {@code keyId}; the primary key cannot be
   * removed.
   *
   * @param keyset the keyset
   * @param keyId the id of the key to retire (see {@link RecordEncryption#keyIds()})
   * @return the keyset without that key
   * @throws IllegalArgumentException if the keyset has no such key or it is the primary
   */
  public static KeysetHandle retire(KeysetHandle keyset, long keyId) {
    Objects.requireNonNull(keyset, "keyset");
    register();
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
    for (int i = 0; i < builder.size(); i++) {
      if (Integer.toUnsignedLong(keyset.getAt(i).getId()) == keyId) {
        if (keyset.getAt(i).isPrimary()) {
          throw new IllegalArgumentException("key " + keyId + " is the primary key");
        }
        builder.deleteAt(i);
        try {
          return builder.build();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("cannot rebuild the keyset", e);
        }
      }
    }
    throw new IllegalArgumentException("the keyset has no key " + keyId);
  }

  /**
   * Returns a copy of {@code keyset} where key {@code keyId} is disabled (kept, but no longer used
   * to decrypt): a reversible step before {@link #retire}.
   *
   * @param keyset the keyset
   * @param keyId the key to disable
   * @return the changed keyset
   * @throws IllegalArgumentException if the keyset has no such key or it is the primary
   */
  public static KeysetHandle disable(KeysetHandle keyset, long keyId) {
    Objects.requireNonNull(keyset, "keyset");
    register();
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
    for (int i = 0; i < builder.size(); i++) {
      if (Integer.toUnsignedLong(keyset.getAt(i).getId()) == keyId) {
        if (keyset.getAt(i).isPrimary()) {
          throw new IllegalArgumentException("key " + keyId + " is the primary key");
        }
        builder.getAt(i).setStatus(KeyStatus.DISABLED);
        try {
          return builder.build();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("cannot rebuild the keyset", e);
        }
      }
    }
    throw new IllegalArgumentException("the keyset has no key " + keyId);
  }

  /**
   * Reads a keyset in Tink's JSON format that was encrypted with a master key.
   *
   * @param keysetJson the encrypted keyset
   * @param masterKey the master key (usually from a key-management service)
   * @param associatedData the associated data given when it was encrypted (may be empty)
   * @return the keyset
   * @throws IllegalArgumentException if the text is not an encrypted keyset or the master key or
   *     associated data do not match
   */
  public static KeysetHandle parseEncrypted(
      String keysetJson, Aead masterKey, byte[] associatedData) {
    Objects.requireNonNull(keysetJson, "keysetJson");
    Objects.requireNonNull(masterKey, "masterKey");
    Objects.requireNonNull(associatedData, "associatedData");
    register();
    try {
      return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(keysetJson, masterKey, associatedData);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot read the encrypted keyset: not a Tink JSON encrypted keyset, or the master key or"
              + " associated data differ from the ones it was encrypted with ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /**
   * Reads a cleartext keyset in Tink's JSON format.
   *
   * @param keysetJson the keyset
   * @param consent {@link CleartextKeyset#ACCEPT_UNPROTECTED}
   * @return the keyset
   * @throws IllegalArgumentException if the text is not a Tink JSON keyset
   */
  public static KeysetHandle parseCleartext(String keysetJson, CleartextKeyset consent) {
    Objects.requireNonNull(keysetJson, "keysetJson");
    Objects.requireNonNull(consent, "consent");
    register();
    try {
      return TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot read the cleartext keyset: not a Tink JSON keyset ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /**
   * Reads an encrypted keyset from a file; see {@link #parseEncrypted}.
   *
   * @param file the file holding the encrypted keyset JSON
   * @param masterKey the master key
   * @param associatedData the associated data given when it was encrypted
   * @return the keyset
   * @throws IllegalArgumentException if the file cannot be read or holds no such keyset
   */
  public static KeysetHandle readEncrypted(Path file, Aead masterKey, byte[] associatedData) {
    return parseEncrypted(readFile(file), masterKey, associatedData);
  }

  /**
   * Reads a cleartext keyset from a file; see {@link #parseCleartext}.
   *
   * @param file the file holding the keyset JSON
   * @param consent {@link CleartextKeyset#ACCEPT_UNPROTECTED}
   * @return the keyset
   * @throws IllegalArgumentException if the file cannot be read or holds no keyset
   */
  public static KeysetHandle readCleartext(Path file, CleartextKeyset consent) {
    return parseCleartext(readFile(file), consent);
  }

  /**
   * Reads an encrypted keyset from an environment variable; see {@link #parseEncrypted}.
   *
   * @param variable the variable's name
   * @param masterKey the master key
   * @param associatedData the associated data given when it was encrypted
   * @return the keyset
   * @throws IllegalArgumentException if the variable is not set or holds no such keyset
   */
  public static KeysetHandle fromEnvironmentEncrypted(
      String variable, Aead masterKey, byte[] associatedData) {
    return parseEncrypted(environment(variable, System::getenv), masterKey, associatedData);
  }

  /**
   * Reads a cleartext keyset from an environment variable; see {@link #parseCleartext}.
   *
   * @param variable the variable's name
   * @param consent {@link CleartextKeyset#ACCEPT_UNPROTECTED}
   * @return the keyset
   * @throws IllegalArgumentException if the variable is not set or holds no keyset
   */
  public static KeysetHandle fromEnvironmentCleartext(String variable, CleartextKeyset consent) {
    return parseCleartext(environment(variable, System::getenv), consent);
  }

  /**
   * Writes a keyset in Tink's JSON format, encrypted with a master key.
   *
   * @param keyset the keyset
   * @param masterKey the master key
   * @param associatedData associated data that must be given again to read it (may be empty)
   * @return the encrypted keyset JSON
   */
  public static String toEncryptedJson(KeysetHandle keyset, Aead masterKey, byte[] associatedData) {
    Objects.requireNonNull(keyset, "keyset");
    Objects.requireNonNull(masterKey, "masterKey");
    Objects.requireNonNull(associatedData, "associatedData");
    register();
    try {
      return TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, masterKey, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot encrypt the keyset with the master key (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Writes a keyset in Tink's JSON format in clear text.
   *
   * @param keyset the keyset
   * @param consent {@link CleartextKeyset#ACCEPT_UNPROTECTED}
   * @return the keyset JSON, which contains the raw keys
   */
  public static String toCleartextJson(KeysetHandle keyset, CleartextKeyset consent) {
    Objects.requireNonNull(keyset, "keyset");
    Objects.requireNonNull(consent, "consent");
    register();
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot serialize the keyset", e);
    }
  }

  static String environment(String variable, Function<String, @Nullable String> env) {
    Objects.requireNonNull(variable, "variable");
    String value = env.apply(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("environment variable " + variable + " is not set");
    }
    return value;
  }

  private static String readFile(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the keyset file " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
