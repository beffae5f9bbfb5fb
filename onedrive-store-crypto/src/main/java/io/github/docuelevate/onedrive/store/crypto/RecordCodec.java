package io.github.docuelevate.onedrive.store.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.spi.PendingAuthorization;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.StoredIntegration.SecretField;
import io.github.docuelevate.onedrive.spi.UnreadableRecordException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link StoredIntegration} into an {@link EncodedRecord} and back: the non-secret fields
 * become a JSON document, each secret field a ciphertext from {@link RecordEncryption}. Both of
 * this library's stores use it, so both keep the same format; other store implementations may use
 * it too. Thread-safe.
 *
 * <h2>The seal</h2>
 *
 * <p>Every record is sealed: the document carries, in its {@code seal} field, an AEAD tag over
 * everything stored in clear and every ciphertext, in a canonical encoding ({@link RecordSeal}). An
 * edit of any clear-text field (the drive target, the folder path, the status, any field added
 * later), of the version or key id, or a ciphertext or field moved in from another record or an
 * older version of this one, fails the seal, and {@link #decode} reports the record as unreadable.
 * The seal covers the parsed document, not its text, so a database that reformats the JSON changes
 * nothing.
 *
 * <p>Records written before records were sealed ({@link #UNSEALED_FORMAT}) are read according to
 * the {@link UnsealedRecords} policy, and are sealed by their next write or by {@link
 * EncryptedTokenStore#reencryptAll()} ({@link #isCurrent}).
 */
public final class RecordCodec {
  /** The version of the metadata document this code writes, stored in its {@code format} field. */
  public static final int FORMAT = 2;

  /** The format of records written before records were sealed; read, never written. */
  public static final int UNSEALED_FORMAT = 1;

  private static final String SEAL_FIELD = "seal";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordEncryption encryption;
  private final UnsealedRecords unsealedRecords;

  /**
   * Creates the codec; records of the {@linkplain #UNSEALED_FORMAT unsealed format} are read and
   * migrated ({@link UnsealedRecords#READ_AND_MIGRATE}).
   *
   * @param encryption encrypts, decrypts and seals
   */
  public RecordCodec(RecordEncryption encryption) {
    this(encryption, UnsealedRecords.READ_AND_MIGRATE);
  }

  /**
   * Creates the codec.
   *
   * @param encryption encrypts, decrypts and seals
   * @param unsealedRecords what to do with records written before records were sealed
   */
  public RecordCodec(RecordEncryption encryption, UnsealedRecords unsealedRecords) {
    this.encryption = Objects.requireNonNull(encryption, "encryption");
    this.unsealedRecords = Objects.requireNonNull(unsealedRecords, "unsealedRecords");
  }

  /**
   * Returns the encryption in use.
   *
   * @return the encryption
   */
  public RecordEncryption encryption() {
    return encryption;
  }

  /**
   * Encodes a record, encrypting its secrets with the primary key and sealing the whole.
   *
   * @param record the record
   * @return the encoded record
   */
  public EncodedRecord encode(StoredIntegration record) {
    Objects.requireNonNull(record, "record");
    Map<SecretField, byte[]> secrets = new EnumMap<>(SecretField.class);
    for (Map.Entry<SecretField, Secret> e : record.secrets().entrySet()) {
      secrets.put(e.getKey(), encryption.encrypt(record.key(), e.getKey(), e.getValue()));
    }
    long keyId = encryption.primaryKeyId();
    ObjectNode doc = document(record);
    byte[] seal =
        encryption.seal(RecordSeal.encode(record.key(), record.version(), keyId, doc, secrets));
    doc.put(SEAL_FIELD, Base64.getEncoder().encodeToString(seal));
    return new EncodedRecord(record.key(), record.version(), keyId, write(doc), secrets);
  }

  /**
   * Returns whether a stored record is in the form {@link #encode} writes now: sealed, with every
   * value under the primary key. {@link EncryptedTokenStore#reencryptAll()} rewrites the others.
   *
   * @param encoded the stored form
   * @return {@code true} if rewriting it would change nothing but fresh nonces
   */
  public boolean isCurrent(EncodedRecord encoded) {
    if (encoded.keyId() != encryption.primaryKeyId()) {
      return false;
    }
    try {
      JsonNode doc = JSON.readTree(encoded.metadata());
      return doc != null && doc.path("format").asInt(-1) == FORMAT;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /**
   * Decodes a record, checking its seal and decrypting its secrets.
   *
   * @param encoded the stored form
   * @return the record
   * @throws UnreadableRecordException if the seal or a secret fails its integrity check (a field
   *     edited in the store, a value moved from another record, a key the keyset does not hold), if
   *     the metadata is not valid, or if the record is unsealed and the policy refuses it
   */
  public StoredIntegration decode(EncodedRecord encoded) {
    IntegrationKey key = encoded.key();
    ObjectNode doc = parse(key, encoded.metadata());
    int format = doc.path("format").asInt(-1);
    boolean sealed;
    if (format == FORMAT) {
      sealed = true;
    } else if (format == UNSEALED_FORMAT) {
      if (unsealedRecords == UnsealedRecords.REFUSE) {
        throw new UnreadableRecordException(
            key,
            "it is not sealed (format "
                + UNSEALED_FORMAT
                + ") and this store refuses unsealed records",
            null);
      }
      sealed = false;
    } else {
      throw new UnreadableRecordException(
          key,
          "its metadata has format "
              + format
              + ", this version reads "
              + UNSEALED_FORMAT
              + " and "
              + FORMAT,
          null);
    }
    // The secrets first: each is bound to its field and integration, so a value moved from
    // elsewhere is reported by name. Then the seal, over everything else.
    Map<SecretField, Secret> secrets = new EnumMap<>(SecretField.class);
    for (Map.Entry<SecretField, byte[]> e : encoded.secrets().entrySet()) {
      secrets.put(
          e.getKey(),
          sealed
              ? encryption.decrypt(key, e.getKey(), e.getValue())
              : encryption.decryptUnsealed(key, e.getKey(), e.getValue()));
    }
    if (sealed) {
      checkSeal(encoded, doc);
    }
    try {
      return fields(encoded, doc, secrets);
    } catch (UnreadableRecordException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UnreadableRecordException(
          key, "its metadata is invalid (" + e.getClass().getSimpleName() + ")", null);
    }
  }

  private static ObjectNode parse(IntegrationKey key, String metadata) {
    JsonNode doc;
    try {
      doc = JSON.readTree(metadata);
    } catch (JsonProcessingException e) {
      throw new UnreadableRecordException(key, "its metadata is not valid JSON", null);
    }
    if (!(doc instanceof ObjectNode object)) {
      throw new UnreadableRecordException(key, "its metadata is not a JSON object", null);
    }
    return object;
  }

  /** Checks the seal and takes it out of {@code doc}, leaving the fields it covers. */
  private void checkSeal(EncodedRecord encoded, ObjectNode doc) {
    JsonNode seal = doc.remove(SEAL_FIELD);
    byte[] tag;
    try {
      tag = seal == null || !seal.isTextual() ? null : Base64.getDecoder().decode(seal.asText());
    } catch (IllegalArgumentException e) {
      tag = null;
    }
    if (tag == null
        || !encryption.sealMatches(
            RecordSeal.encode(
                encoded.key(), encoded.version(), encoded.keyId(), doc, encoded.secrets()),
            tag)) {
      throw new UnreadableRecordException(
          encoded.key(),
          "it failed its integrity check (seal): a field was changed in the store, or the record"
              + " or one of its values was copied from another record or an older version, or"
              + " it was sealed with a key the keyset does not hold (seal key id "
              + (tag == null ? "none" : RecordEncryption.keyIdOf(tag))
              + ")",
          null);
    }
  }

  private static StoredIntegration fields(
      EncodedRecord encoded, JsonNode doc, Map<SecretField, Secret> secrets) {
    IntegrationKey key = encoded.key();
    StoredIntegration.Builder b =
        StoredIntegration.builder(
                key,
                AccountType.valueOf(text(doc, "accountType")),
                text(doc, "tenant"),
                Instant.parse(text(doc, "createdAt")))
            .version(encoded.version())
            .status(IntegrationStatus.valueOf(text(doc, "status")))
            .clientId(optionalText(doc, "clientId"))
            .homeAccountId(optionalText(doc, "homeAccountId"))
            .username(optionalText(doc, "username"))
            .folderPath(optionalText(doc, "folderPath"))
            .updatedAt(Instant.parse(text(doc, "updatedAt")))
            .refreshedAt(optionalInstant(doc, "refreshedAt"))
            .lastError(optionalText(doc, "lastError"), optionalInstant(doc, "lastErrorAt"));
    String driveTarget = optionalText(doc, "driveTarget");
    b.driveTarget(driveTarget == null ? null : DriveTarget.parse(driveTarget));
    List<String> scopes = new ArrayList<>();
    for (JsonNode scope : doc.path("scopes")) {
      scopes.add(scope.asText());
    }
    b.scopes(scopes);
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> f : doc.path("attributes").properties()) {
      attributes.put(f.getKey(), f.getValue().asText());
    }
    b.attributes(attributes);
    b.refreshToken(secrets.get(SecretField.REFRESH_TOKEN));
    b.clientSecret(secrets.get(SecretField.CLIENT_SECRET));
    JsonNode pending = doc.get("pending");
    Secret verifier = secrets.get(SecretField.CODE_VERIFIER);
    if (pending != null && !pending.isNull()) {
      if (verifier == null) {
        throw new UnreadableRecordException(
            key, "it has a pending authorization without its code verifier", null);
      }
      b.pendingAuthorization(
          new PendingAuthorization(
              text(pending, "stateHash"),
              verifier,
              text(pending, "redirectUri"),
              Instant.parse(text(pending, "expiresAt")),
              pending.path("reauthorization").asBoolean()));
    } else if (verifier != null) {
      throw new UnreadableRecordException(
          key, "it has a code verifier without a pending authorization", null);
    }
    return b.build();
  }

  /**
   * Returns the non-secret fields of a record as the JSON document {@link #encode} stores, without
   * its seal.
   *
   * @param r the record
   * @return the JSON document
   */
  public static String metadata(StoredIntegration r) {
    return write(document(r));
  }

  private static ObjectNode document(StoredIntegration r) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("format", FORMAT);
    doc.put("accountType", r.accountType().name());
    doc.put("status", r.status().name());
    doc.put("tenant", r.tenant());
    putOptional(doc, "clientId", r.clientId());
    putOptional(doc, "homeAccountId", r.homeAccountId());
    putOptional(doc, "username", r.username());
    ArrayNode scopes = doc.putArray("scopes");
    r.scopes().forEach(scopes::add);
    DriveTarget target = r.driveTarget();
    putOptional(doc, "driveTarget", target == null ? null : target.toString());
    putOptional(doc, "folderPath", r.folderPath());
    PendingAuthorization pending = r.pendingAuthorization();
    if (pending != null) {
      ObjectNode p = doc.putObject("pending");
      p.put("stateHash", pending.stateHash());
      p.put("redirectUri", pending.redirectUri());
      p.put("expiresAt", pending.expiresAt().toString());
      p.put("reauthorization", pending.reauthorization());
    }
    ObjectNode attributes = doc.putObject("attributes");
    r.attributes().forEach(attributes::put);
    putOptional(doc, "lastError", r.lastError());
    Instant lastErrorAt = r.lastErrorAt();
    putOptional(doc, "lastErrorAt", lastErrorAt == null ? null : lastErrorAt.toString());
    doc.put("createdAt", r.createdAt().toString());
    doc.put("updatedAt", r.updatedAt().toString());
    Instant refreshedAt = r.refreshedAt();
    putOptional(doc, "refreshedAt", refreshedAt == null ? null : refreshedAt.toString());
    return doc;
  }

  private static String write(ObjectNode doc) {
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write record metadata", e);
    }
  }

  private static void putOptional(ObjectNode doc, String name, @Nullable String value) {
    if (value != null) {
      doc.put(name, value);
    }
  }

  private static String text(JsonNode doc, String name) {
    JsonNode node = doc.get(name);
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("missing field " + name);
    }
    return node.asText();
  }

  private static @Nullable String optionalText(JsonNode doc, String name) {
    JsonNode node = doc.get(name);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static @Nullable Instant optionalInstant(JsonNode doc, String name) {
    String text = optionalText(doc, name);
    return text == null ? null : Instant.parse(text);
  }
}
