package io.github.docuelevate.onedrive.store.crypto;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.StoredIntegration.SecretField;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record as stores keep it: the key and version in clear, the non-secret fields as JSON, and each
 * secret field as a ciphertext. {@link RecordCodec} makes and reads it; a store only has to keep
 * its parts.
 *
 * @param key the integration
 * @param version the record's version
 * @param keyId the id of the key that encrypted the secrets
 * @param metadata the non-secret fields as JSON
 * @param secrets ciphertext by secret field; fields without a value are absent
 */
public record EncodedRecord(
    IntegrationKey key,
    long version,
    long keyId,
    String metadata,
    Map<SecretField, byte[]> secrets) {

  /** Validates and copies. */
  public EncodedRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(metadata, "metadata");
    EnumMap<SecretField, byte[]> copy = new EnumMap<>(SecretField.class);
    copy.putAll(secrets);
    secrets = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns one ciphertext.
   *
   * @param field the field
   * @return its ciphertext, or {@code null} when the field has no value
   */
  public byte @Nullable [] secret(SecretField field) {
    return secrets.get(field);
  }

  @Override
  public String toString() {
    return "EncodedRecord{key="
        + key
        + ", version="
        + version
        + ", keyId="
        + keyId
        + ", secrets="
        + secrets.keySet()
        + "}";
  }
}
