package io.github.docuelevate.onedrive.store.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00.000000001Z");
  private final RecordCodec codec = new RecordCodec(RecordEncryption.of(Keysets.generate()));

  private static StoredIntegration record(String owner) {
    return StoredIntegration.builder(
            new IntegrationKey(owner, "backup"), AccountType.WORK_OR_SCHOOL, "contoso", T0)
        .status(IntegrationStatus.CONNECTED)
        .clientId("client")
        .clientSecret(Secret.of("client-secret-value"))
        .refreshToken(Secret.of("refresh-token-value"))
        .pendingAuthorization(
            new PendingAuthorization(
                "hash", Secret.of("verifier-value"), "http://x/cb", T0.plusSeconds(9), true))
        .driveTarget(new DriveTarget.Drive("b!1"))
        .scopes(List.of("Files.ReadWrite"))
        .attributes(Map.of("k", "v"))
        .build();
  }

  @Test
  void encodeDecode_roundTripsAndKeepsSecretsOutOfMetadata() {
    StoredIntegration record = record("alice");

    EncodedRecord encoded = codec.encode(record);

    assertThat(codec.decode(encoded)).isEqualTo(record);
    assertThat(encoded.keyId()).isEqualTo(codec.encryption().primaryKeyId());
    assertThat(encoded.secrets()).containsOnlyKeys(SecretField.values());
    assertThat(encoded.metadata())
        .doesNotContain("refresh-token-value", "client-secret-value", "verifier-value");
    assertThat(encoded.toString())
        .doesNotContain("refresh-token-value", "client-secret-value", "verifier-value");
  }

  @Test
  void decode_secretsSwappedBetweenIntegrations_failsForTheReader() {
    EncodedRecord alice = codec.encode(record("alice"));
    EncodedRecord bob = codec.encode(record("bob"));
    EncodedRecord swapped =
        new EncodedRecord(
            alice.key(), alice.version(), alice.keyId(), alice.metadata(), bob.secrets());

    assertThatThrownBy(() -> codec.decode(swapped))
        .isInstanceOfSatisfying(
            UnreadableRecordException.class, e -> assertThat(e.key()).isEqualTo(alice.key()))
        .hasMessageNotContaining("refresh-token-value");
  }

  @Test
  void decode_invalidMetadataOrMissingVerifier_failsWithTypedError() {
    EncodedRecord good = codec.encode(record("alice"));
    Map<SecretField, byte[]> withoutVerifier = new EnumMap<>(good.secrets());
    withoutVerifier.remove(SecretField.CODE_VERIFIER);

    assertThatThrownBy(
            () ->
                codec.decode(
                    new EncodedRecord(good.key(), 1, good.keyId(), "{not json", good.secrets())))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("JSON");
    assertThatThrownBy(
            () ->
                codec.decode(
                    new EncodedRecord(good.key(), 1, good.keyId(), "{\"format\":9}", Map.of())))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("format 9");
    assertThatThrownBy(
            () ->
                codec.decode(
                    new EncodedRecord(good.key(), 1, good.keyId(), "{\"format\":1}", Map.of())))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("invalid");
    assertThatThrownBy(
            () ->
                codec.decode(
                    new EncodedRecord(
                        good.key(), 1, good.keyId(), good.metadata(), withoutVerifier)))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("code verifier");
  }
}
