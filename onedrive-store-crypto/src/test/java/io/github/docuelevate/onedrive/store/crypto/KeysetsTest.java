package io.github.docuelevate.onedrive.store.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.spi.StoredIntegration.SecretField;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysetsTest {
  private static final IntegrationKey KEY = new IntegrationKey("alice", "backup");
  private static final byte[] AD = "onedrive-keyset".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private static Aead masterKey() throws Exception {
    return Keysets.generate().getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  private static void assertSameKeys(KeysetHandle a, KeysetHandle b) {
    RecordEncryption ea = RecordEncryption.of(a);
    RecordEncryption eb = RecordEncryption.of(b);
    byte[] ciphertext = ea.encrypt(KEY, SecretField.REFRESH_TOKEN, Secret.of("rt"));
    assertThat(eb.decrypt(KEY, SecretField.REFRESH_TOKEN, ciphertext).reveal()).isEqualTo("rt");
  }

  @Test
  void generate_givesOneAes256GcmKey() {
    KeysetHandle keyset = Keysets.generate();

    assertThat(keyset.size()).isEqualTo(1);
    assertThat(keyset.getPrimary().getKey().getParameters())
        .isEqualTo(PredefinedAeadParameters.AES256_GCM);
  }

  @Test
  void encryptedJson_roundTripsWithTheSameMasterKeyAndAssociatedData() throws Exception {
    Aead master = masterKey();
    KeysetHandle keyset = Keysets.generate();

    String json = Keysets.toEncryptedJson(keyset, master, AD);
    KeysetHandle read = Keysets.parseEncrypted(json, master, AD);

    assertSameKeys(keyset, read);
    String cleartext = Keysets.toCleartextJson(keyset, CleartextKeyset.ACCEPT_UNPROTECTED);
    String keyValue = cleartext.replaceAll("(?s).*\"value\":\\s*\"([^\"]+)\".*", "$1");
    assertThat(json).contains("encryptedKeyset").doesNotContain(keyValue);
  }

  @Test
  void encryptedJson_otherMasterKeyOrAssociatedData_failsWithoutKeyMaterial() throws Exception {
    Aead master = masterKey();
    String json = Keysets.toEncryptedJson(Keysets.generate(), master, AD);

    assertThatThrownBy(() -> Keysets.parseEncrypted(json, masterKey(), AD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("master key")
        .hasMessageNotContaining(json.substring(0, 20));
    assertThatThrownBy(() -> Keysets.parseEncrypted(json, master, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cleartextJson_roundTripsWithConsent() {
    KeysetHandle keyset = Keysets.generate();

    String json = Keysets.toCleartextJson(keyset, CleartextKeyset.ACCEPT_UNPROTECTED);

    assertSameKeys(keyset, Keysets.parseCleartext(json, CleartextKeyset.ACCEPT_UNPROTECTED));
  }

  @Test
  void encryptedKeysetGivenAsCleartext_isRefused() throws Exception {
    String json = Keysets.toEncryptedJson(Keysets.generate(), masterKey(), AD);

    assertThatThrownBy(() -> Keysets.parseCleartext(json, CleartextKeyset.ACCEPT_UNPROTECTED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void garbage_isRefusedWithoutEchoingIt() {
    String garbage = "{\"primaryKeyId\": 1, \"key\": [\"secret-looking-material\"]}";

    assertThatThrownBy(() -> Keysets.parseCleartext(garbage, CleartextKeyset.ACCEPT_UNPROTECTED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret-looking-material");
  }

  @Test
  void files_roundTripEncryptedAndCleartext() throws Exception {
    Aead master = masterKey();
    KeysetHandle keyset = Keysets.generate();
    Path encrypted =
        Files.writeString(dir.resolve("keyset.json"), Keysets.toEncryptedJson(keyset, master, AD));
    Path clear =
        Files.writeString(
            dir.resolve("clear.json"),
            Keysets.toCleartextJson(keyset, CleartextKeyset.ACCEPT_UNPROTECTED));

    assertSameKeys(keyset, Keysets.readEncrypted(encrypted, master, AD));
    assertSameKeys(keyset, Keysets.readCleartext(clear, CleartextKeyset.ACCEPT_UNPROTECTED));
    assertThatThrownBy(
            () ->
                Keysets.readCleartext(
                    dir.resolve("missing.json"), CleartextKeyset.ACCEPT_UNPROTECTED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.json");
  }

  @Test
  void environment_readsTheVariableOrExplainsItIsMissing() {
    Map<String, String> env = Map.of("ONEDRIVE_KEYSET", "{json}");

    assertThat(Keysets.environment("ONEDRIVE_KEYSET", env::get)).isEqualTo("{json}");
    assertThatThrownBy(() -> Keysets.environment("OTHER", env::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("environment variable OTHER is not set");
    assertThatThrownBy(
            () ->
                Keysets.fromEnvironmentCleartext(
                    "ONEDRIVE_TEST_SURELY_UNSET_VARIABLE", CleartextKeyset.ACCEPT_UNPROTECTED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rotate_addsNewPrimaryAndKeepsOldKeys() {
    KeysetHandle keyset = Keysets.generate();

    KeysetHandle rotated = Keysets.rotate(keyset);

    assertThat(rotated.size()).isEqualTo(2);
    assertThat(rotated.getPrimary().getId()).isNotEqualTo(keyset.getPrimary().getId());
    assertThat(rotated.getAt(0).getId()).isEqualTo(keyset.getPrimary().getId());
    assertThat(rotated.getAt(0).isPrimary()).isFalse();
  }

  @Test
  void retire_primaryOrUnknownKey_isRefused() {
    KeysetHandle keyset = Keysets.rotate(Keysets.generate());
    long primary = Integer.toUnsignedLong(keyset.getPrimary().getId());

    assertThatThrownBy(() -> Keysets.retire(keyset, primary))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("primary");
    assertThatThrownBy(() -> Keysets.retire(keyset, 42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no key 42");
    assertThatThrownBy(() -> Keysets.disable(keyset, primary))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
