package io.github.docuelevate.onedrive.store.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        .hasMessageContaining("integrity");
  }

  // ---- the seal over the clear-text fields

  private static final ObjectMapper JSON = new ObjectMapper();

  private static EncodedRecord withMetadata(EncodedRecord r, String metadata) {
    return new EncodedRecord(r.key(), r.version(), r.keyId(), metadata, r.secrets());
  }

  private static ObjectNode document(EncodedRecord r) throws IOException {
    return (ObjectNode) JSON.readTree(r.metadata());
  }

  private void assertFailsTheSeal(EncodedRecord tampered) {
    assertThatThrownBy(() -> codec.decode(tampered))
        .isInstanceOfSatisfying(
            UnreadableRecordException.class, e -> assertThat(e.key()).isEqualTo(tampered.key()))
        .hasMessageContaining("integrity check (seal)")
        .hasMessageNotContaining("refresh-token-value");
  }

  @ParameterizedTest
  @CsvSource({
    "driveTarget, drive:b!someone-elses",
    "folderPath, Elsewhere",
    "status, NEEDS_REAUTHORIZATION",
    "tenant, fabrikam",
    "accountType, APP_ONLY",
    "username, mallory@fabrikam.example",
    "updatedAt, 2030-01-01T00:00:00Z"
  })
  void decode_clearTextFieldEditedInTheStore_failsTheIntegrityCheck(String field, String value)
      throws IOException {
    EncodedRecord good = codec.encode(record("alice"));
    ObjectNode doc = document(good);
    doc.put(field, value);

    assertFailsTheSeal(withMetadata(good, JSON.writeValueAsString(doc)));
  }

  @Test
  void decode_fieldAddedRemovedOrNestedValueChanged_failsTheIntegrityCheck() throws IOException {
    EncodedRecord good = codec.encode(record("alice"));
    ObjectNode added = document(good);
    added.put("driveId", "b!injected");
    ObjectNode removed = document(good);
    removed.remove("driveTarget");
    ObjectNode attribute = document(good);
    ((ObjectNode) attribute.get("attributes")).put("k", "w");
    ObjectNode scope = document(good);
    ((ArrayNode) scope.get("scopes")).add("Sites.FullControl.All");

    for (ObjectNode doc : List.of(added, removed, attribute, scope)) {
      assertFailsTheSeal(withMetadata(good, JSON.writeValueAsString(doc)));
    }
  }

  @Test
  void decode_versionOrKeyIdChanged_failsTheIntegrityCheck() {
    EncodedRecord good = codec.encode(record("alice"));

    assertFailsTheSeal(
        new EncodedRecord(
            good.key(), good.version() + 1, good.keyId(), good.metadata(), good.secrets()));
    assertFailsTheSeal(
        new EncodedRecord(
            good.key(), good.version(), good.keyId() + 1, good.metadata(), good.secrets()));
  }

  @Test
  void decode_metadataMovedFromAnotherRecord_failsTheIntegrityCheck() {
    EncodedRecord alice = codec.encode(record("alice"));
    EncodedRecord bob =
        codec.encode(record("bob").toBuilder().driveTarget(new DriveTarget.Drive("b!bob")).build());

    assertFailsTheSeal(withMetadata(alice, bob.metadata()));
  }

  @Test
  void decode_ciphertextFromAnOlderVersionOfTheSameRecord_failsTheIntegrityCheck() {
    StoredIntegration v1 = record("alice");
    StoredIntegration v2 =
        v1.nextVersion(T0.plusSeconds(1)).refreshToken(Secret.of("rotated-token")).build();
    EncodedRecord old = codec.encode(v1);
    EncodedRecord current = codec.encode(v2);
    Map<SecretField, byte[]> rolledBack = new EnumMap<>(current.secrets());
    rolledBack.put(SecretField.REFRESH_TOKEN, old.secrets().get(SecretField.REFRESH_TOKEN));

    assertFailsTheSeal(
        new EncodedRecord(
            current.key(), current.version(), current.keyId(), current.metadata(), rolledBack));
  }

  @Test
  void decode_documentRewrittenWithOtherFieldOrderAndWhitespace_stillReads() throws IOException {
    StoredIntegration record = record("alice");
    EncodedRecord good = codec.encode(record);
    ObjectNode doc = document(good);
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(doc.properties());
    Collections.reverse(fields);
    ObjectNode reordered = JSON.createObjectNode();
    fields.forEach(field -> reordered.set(field.getKey(), field.getValue()));

    String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reordered);

    assertThat(pretty).isNotEqualTo(good.metadata());
    assertThat(codec.decode(withMetadata(good, pretty))).isEqualTo(record);
  }

  @Test
  void decode_sealStrippedAndMarkedAsAnOldRecord_failsWhenTheRecordHoldsSecrets()
      throws IOException {
    EncodedRecord good = codec.encode(record("alice"));
    ObjectNode doc = document(good);
    doc.remove("seal");
    doc.put("format", RecordCodec.UNSEALED_FORMAT);
    doc.put("driveTarget", "drive:b!someone-elses");

    assertThatThrownBy(() -> codec.decode(withMetadata(good, JSON.writeValueAsString(doc))))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("integrity");
  }

  // ---- records of the previous format (format 1, unsealed)

  /** The records in the fixture, as the previous version's codec wrote them, and their keyset. */
  private record Fixture(RecordEncryption encryption, List<EncodedRecord> records) {}

  private static Fixture previousFormat() throws IOException {
    JsonNode doc;
    try (InputStream in = RecordCodecTest.class.getResourceAsStream("format1-records.json")) {
      doc = JSON.readTree(Objects.requireNonNull(in, "format1-records.json"));
    }
    RecordEncryption encryption =
        RecordEncryption.of(
            Keysets.parseCleartext(doc.get("keyset").asText(), CleartextKeyset.ACCEPT_UNPROTECTED));
    List<EncodedRecord> records = new ArrayList<>();
    for (JsonNode r : doc.get("records")) {
      Map<SecretField, byte[]> secrets = new EnumMap<>(SecretField.class);
      r.get("secrets")
          .properties()
          .forEach(
              e ->
                  secrets.put(
                      SecretField.valueOf(e.getKey()),
                      Base64.getDecoder().decode(e.getValue().asText())));
      records.add(
          new EncodedRecord(
              new IntegrationKey(r.get("owner").asText(), r.get("integrationId").asText()),
              r.get("version").asLong(),
              r.get("keyId").asLong(),
              r.get("metadata").asText(),
              secrets));
    }
    return new Fixture(encryption, records);
  }

  @Test
  void decode_recordOfThePreviousFormat_isReadAndSealedByTheNextEncode() throws IOException {
    Fixture fixture = previousFormat();
    RecordCodec current = new RecordCodec(fixture.encryption());
    EncodedRecord old = fixture.records().get(0);

    StoredIntegration read = current.decode(old);

    assertThat(read.key()).isEqualTo(new IntegrationKey("alice", "backup"));
    assertThat(read.version()).isEqualTo(3);
    assertThat(read.driveTarget()).isEqualTo(new DriveTarget.User("alice@contoso.example"));
    assertThat(read.folderPath()).isEqualTo("Backups/Alice");
    assertThat(Objects.requireNonNull(read.refreshToken()).reveal())
        .isEqualTo("fixture-refresh-token");
    assertThat(Objects.requireNonNull(read.clientSecret()).reveal())
        .isEqualTo("fixture-client-secret");
    assertThat(read.attributes()).containsEntry("watch.Inbox.cursor", "c1");
    assertThat(current.isCurrent(old)).isFalse();

    EncodedRecord migrated = current.encode(read);

    assertThat(current.isCurrent(migrated)).isTrue();
    assertThat(document(migrated).get("format").asInt()).isEqualTo(RecordCodec.FORMAT);
    assertThat(document(migrated).has("seal")).isTrue();
    assertThat(current.decode(migrated)).isEqualTo(read);
    ObjectNode edited = document(migrated);
    edited.put("folderPath", "Elsewhere");
    assertThatThrownBy(() -> current.decode(withMetadata(migrated, edited.toString())))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("integrity check (seal)");
  }

  @Test
  void decode_recordOfThePreviousFormat_isRefusedWhenThePolicyRefusesUnsealedRecords()
      throws IOException {
    Fixture fixture = previousFormat();
    RecordCodec strict = new RecordCodec(fixture.encryption(), UnsealedRecords.REFUSE);

    for (EncodedRecord old : fixture.records()) {
      assertThatThrownBy(() -> strict.decode(old))
          .isInstanceOf(UnreadableRecordException.class)
          .hasMessageContaining("not sealed");
    }
    assertThat(new RecordCodec(fixture.encryption()).decode(fixture.records().get(1)).tenant())
        .isEqualTo("contoso");
  }
}
