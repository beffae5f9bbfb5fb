package io.github.docuelevate.onedrive.store.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.StoredIntegration.SecretField;
import io.github.docuelevate.onedrive.store.crypto.EncodedRecord;
import java.io.IOException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

/**
 * The on-disk form of one record: a small JSON document with the key, version and key id in clear,
 * the non-secret fields as the codec's JSON, and each secret field as base64 ciphertext.
 */
final class RecordFile {
  static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordFile() {}

  static byte[] write(EncodedRecord r) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("format", FORMAT);
    doc.put("owner", r.key().owner());
    doc.put("integrationId", r.key().integrationId());
    doc.put("version", r.version());
    doc.put("keyId", r.keyId());
    doc.put("metadata", r.metadata());
    ObjectNode secrets = doc.putObject("secrets");
    for (Map.Entry<SecretField, byte[]> e : r.secrets().entrySet()) {
      secrets.put(e.getKey().name(), Base64.getEncoder().encodeToString(e.getValue()));
    }
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a record file", e);
    }
  }

  /**
   * Parses a record file.
   *
   * @throws IllegalArgumentException if the bytes are not a complete record file
   */
  static EncodedRecord parse(byte[] bytes) {
    JsonNode doc;
    try {
      doc = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a complete JSON document");
    }
    if (doc == null || !doc.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    if (doc.path("format").asInt(-1) != FORMAT) {
      throw new IllegalArgumentException("unknown format " + doc.path("format"));
    }
    JsonNode owner = doc.get("owner");
    JsonNode id = doc.get("integrationId");
    JsonNode version = doc.get("version");
    JsonNode keyId = doc.get("keyId");
    JsonNode metadata = doc.get("metadata");
    if (owner == null
        || id == null
        || version == null
        || !version.canConvertToLong()
        || keyId == null
        || !keyId.canConvertToLong()
        || metadata == null
        || !metadata.isTextual()) {
      throw new IllegalArgumentException("a required field is missing");
    }
    Map<SecretField, byte[]> secrets = new EnumMap<>(SecretField.class);
    JsonNode secretNodes = doc.path("secrets");
    for (SecretField field : SecretField.values()) {
      JsonNode value = secretNodes.get(field.name());
      if (value != null && !value.isNull()) {
        secrets.put(field, Base64.getDecoder().decode(value.asText()));
      }
    }
    return new EncodedRecord(
        new IntegrationKey(owner.asText(), id.asText()),
        version.asLong(),
        keyId.asLong(),
        metadata.asText(),
        secrets);
  }
}
