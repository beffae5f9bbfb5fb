package io.github.docuelevate.onedrive.store.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.spi.IntegrationKey;
import io.github.docuelevate.onedrive.spi.IntegrationStatus;
import io.github.docuelevate.onedrive.spi.PendingAuthorization;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.StoredIntegration.SecretField;
import io.github.docuelevate.onedrive.spi.UnreadableRecordException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link StoredIntegration} into an {@link EncodedRecord} and back: the non-secret fields
 * become a JSON document, each secret field a ciphertext from {@link RecordEncryption}. Both stores
 * use it, so both keep the same format. Thread-safe.
 */
public final class RecordCodec {
  /** The version of the metadata document, stored in its {@code format} field. */
  public static final int FORMAT = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordEncryption encryption;

  /**
   * Creates the codec.
   *
   * @param encryption encrypts and decrypts the secret fields
   */
  public RecordCodec(RecordEncryption encryption) {
    this.encryption = encryption;
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
   * Encodes a record, encrypting its secrets with the primary key.
   *
   * @param record the record
   * @return the encoded record
   */
  public EncodedRecord encode(StoredIntegration record) {
    Map<SecretField, byte[]> secrets = new EnumMap<>(SecretField.class);
    for (Map.Entry<SecretField, Secret> e : record.secrets().entrySet()) {
      secrets.put(e.getKey(), encryption.encrypt(record.key(), e.getKey(), e.getValue()));
    }
    return new EncodedRecord(
        record.key(), record.version(), encryption.primaryKeyId(), metadata(record), secrets);
  }

  /**
   * Decodes a record, decrypting its secrets.
   *
   * @param encoded the stored form
   * @return the record
   * @throws UnreadableRecordException if a secret does not decrypt or the metadata is not valid
   */
  public StoredIntegration decode(EncodedRecord encoded) {
    IntegrationKey key = encoded.key();
    JsonNode doc;
    try {
      doc = JSON.readTree(encoded.metadata());
    } catch (JsonProcessingException e) {
      throw new UnreadableRecordException(key, "its metadata is not valid JSON", null);
    }
    if (doc == null || !doc.isObject()) {
      throw new UnreadableRecordException(key, "its metadata is not a JSON object", null);
    }
    int format = doc.path("format").asInt(-1);
    if (format != FORMAT) {
      throw new UnreadableRecordException(
          key, "its metadata has format " + format + ", this version reads " + FORMAT, null);
    }
    try {
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
      byte[] refreshToken = encoded.secret(SecretField.REFRESH_TOKEN);
      if (refreshToken != null) {
        b.refreshToken(encryption.decrypt(key, SecretField.REFRESH_TOKEN, refreshToken));
      }
      byte[] clientSecret = encoded.secret(SecretField.CLIENT_SECRET);
      if (clientSecret != null) {
        b.clientSecret(encryption.decrypt(key, SecretField.CLIENT_SECRET, clientSecret));
      }
      JsonNode pending = doc.get("pending");
      byte[] verifier = encoded.secret(SecretField.CODE_VERIFIER);
      if (pending != null && !pending.isNull()) {
        if (verifier == null) {
          throw new UnreadableRecordException(
              key, "it has a pending authorization without its code verifier", null);
        }
        b.pendingAuthorization(
            new PendingAuthorization(
                text(pending, "stateHash"),
                encryption.decrypt(key, SecretField.CODE_VERIFIER, verifier),
                text(pending, "redirectUri"),
                Instant.parse(text(pending, "expiresAt")),
                pending.path("reauthorization").asBoolean()));
      } else if (verifier != null) {
        throw new UnreadableRecordException(
            key, "it has a code verifier without a pending authorization", null);
      }
      return b.build();
    } catch (UnreadableRecordException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UnreadableRecordException(
          key, "its metadata is invalid (" + e.getClass().getSimpleName() + ")", null);
    }
  }

  /**
   * Returns the non-secret fields of a record as JSON.
   *
   * @param r the record
   * @return the JSON document
   */
  public static String metadata(StoredIntegration r) {
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
