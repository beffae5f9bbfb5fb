package io.github.docuelevate.onedrive.store.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.spi.StoredIntegration.SecretField;
import io.github.docuelevate.onedrive.spi.UnreadableRecordException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordEncryptionTest {
  private static final IntegrationKey ALICE = new IntegrationKey("alice", "backup");
  private static final String TOKEN = "M.C123_refresh-token-value";

  private final RecordEncryption encryption = RecordEncryption.of(Keysets.generate());

  @Test
  void encryptThenDecrypt_sameIntegrationAndField_returnsSecret() {
    byte[] ciphertext = encryption.encrypt(ALICE, SecretField.REFRESH_TOKEN, Secret.of(TOKEN));

    assertThat(encryption.decrypt(ALICE, SecretField.REFRESH_TOKEN, ciphertext).reveal())
        .isEqualTo(TOKEN);
    assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
    assertThat(RecordEncryption.keyIdOf(ciphertext)).isEqualTo(encryption.primaryKeyId());
  }

  @Test
  void encrypt_sameValueTwice_givesDifferentCiphertexts() {
    byte[] a = encryption.encrypt(ALICE, SecretField.REFRESH_TOKEN, Secret.of(TOKEN));
    byte[] b = encryption.encrypt(ALICE, SecretField.REFRESH_TOKEN, Secret.of(TOKEN));

    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void decrypt_ciphertextOfAnotherIntegration_failsNamingTheReaderOnly() {
    byte[] bobs =
        encryption.encrypt(
            new IntegrationKey("bob", "backup"), SecretField.REFRESH_TOKEN, Secret.of(TOKEN));

    assertThatThrownBy(() -> encryption.decrypt(ALICE, SecretField.REFRESH_TOKEN, bobs))
        .isInstanceOfSatisfying(
            UnreadableRecordException.class, e -> assertThat(e.key()).isEqualTo(ALICE))
        .hasMessageContaining("alice/backup")
        .hasMessageContaining("integrity")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void decrypt_ciphertextOfAnotherField_fails() {
    byte[] clientSecret = encryption.encrypt(ALICE, SecretField.CLIENT_SECRET, Secret.of(TOKEN));

    assertThatThrownBy(() -> encryption.decrypt(ALICE, SecretField.REFRESH_TOKEN, clientSecret))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("REFRESH_TOKEN");
  }

  @Test
  void decrypt_keysWhosePartsShiftBetweenOwnerAndId_fail() {
    byte[] ciphertext =
        encryption.encrypt(
            new IntegrationKey("a/b", "c"), SecretField.REFRESH_TOKEN, Secret.of(TOKEN));

    assertThatThrownBy(
            () ->
                encryption.decrypt(
                    new IntegrationKey("a", "b/c"), SecretField.REFRESH_TOKEN, ciphertext))
        .isInstanceOf(UnreadableRecordException.class);
    assertThatThrownBy(
            () ->
                encryption.decrypt(
                    new IntegrationKey("a/", "bc"), SecretField.REFRESH_TOKEN, ciphertext))
        .isInstanceOf(UnreadableRecordException.class);
  }

  @Test
  void keysWithUnpairedSurrogates_neverReachTheAssociatedData() {
    // IntegrationKey refuses them, so two keys can no longer differ only in a lone surrogate.
    assertThatThrownBy(() -> new IntegrationKey("a\uD800", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IntegrationKey("a", "x\uDC01"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decrypt_flippedBit_failsWithTypedError() {
    byte[] ciphertext = encryption.encrypt(ALICE, SecretField.REFRESH_TOKEN, Secret.of(TOKEN));
    ciphertext[ciphertext.length - 3] ^= 1;

    assertThatThrownBy(() -> encryption.decrypt(ALICE, SecretField.REFRESH_TOKEN, ciphertext))
        .isInstanceOf(UnreadableRecordException.class);
  }

  @Test
  void decrypt_truncatedOrEmptyCiphertext_failsWithTypedError() {
    byte[] ciphertext = encryption.encrypt(ALICE, SecretField.REFRESH_TOKEN, Secret.of(TOKEN));

    assertThatThrownBy(
            () -> encryption.decrypt(ALICE, SecretField.REFRESH_TOKEN, new byte[] {1, 2, 3}))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("key id unknown");
    assertThatThrownBy(
            () ->
                encryption.decrypt(
                    ALICE,
                    SecretField.REFRESH_TOKEN,
                    java.util.Arrays.copyOf(ciphertext, ciphertext.length - 1)))
        .isInstanceOf(UnreadableRecordException.class);
  }

  @Test
  void decrypt_withAnotherKeyset_failsNamingTheKeyId() {
    byte[] ciphertext = encryption.encrypt(ALICE, SecretField.REFRESH_TOKEN, Secret.of(TOKEN));
    RecordEncryption other = RecordEncryption.of(Keysets.generate());

    assertThatThrownBy(() -> other.decrypt(ALICE, SecretField.REFRESH_TOKEN, ciphertext))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining(Long.toString(encryption.primaryKeyId()))
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void rotatedKeyset_decryptsOldAndEncryptsWithNewPrimary() {
    KeysetHandle original = Keysets.generate();
    RecordEncryption before = RecordEncryption.of(original);
    byte[] old = before.encrypt(ALICE, SecretField.REFRESH_TOKEN, Secret.of(TOKEN));

    RecordEncryption after = RecordEncryption.of(Keysets.rotate(original));
    byte[] fresh = after.encrypt(ALICE, SecretField.REFRESH_TOKEN, Secret.of(TOKEN));

    assertThat(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
    assertThat(after.keyIds()).containsExactly(before.primaryKeyId(), after.primaryKeyId());
    assertThat(after.decrypt(ALICE, SecretField.REFRESH_TOKEN, old).reveal()).isEqualTo(TOKEN);
    assertThat(RecordEncryption.keyIdOf(fresh)).isEqualTo(after.primaryKeyId());
    assertThatThrownBy(() -> before.decrypt(ALICE, SecretField.REFRESH_TOKEN, fresh))
        .isInstanceOf(UnreadableRecordException.class);
  }

  @Test
  void retiredOrDisabledKey_noLongerDecryptsItsRecords() {
    KeysetHandle original = Keysets.generate();
    RecordEncryption before = RecordEncryption.of(original);
    byte[] old = before.encrypt(ALICE, SecretField.REFRESH_TOKEN, Secret.of(TOKEN));
    KeysetHandle rotated = Keysets.rotate(original);

    RecordEncryption retired = RecordEncryption.of(Keysets.retire(rotated, before.primaryKeyId()));
    RecordEncryption disabled =
        RecordEncryption.of(Keysets.disable(rotated, before.primaryKeyId()));

    assertThat(retired.keyIds()).doesNotContain(before.primaryKeyId());
    assertThat(disabled.keyIds()).doesNotContain(before.primaryKeyId());
    assertThatThrownBy(() -> retired.decrypt(ALICE, SecretField.REFRESH_TOKEN, old))
        .isInstanceOf(UnreadableRecordException.class);
    assertThatThrownBy(() -> disabled.decrypt(ALICE, SecretField.REFRESH_TOKEN, old))
        .isInstanceOf(UnreadableRecordException.class);
  }

  @Test
  void toString_showsKeyIdsOnly() {
    KeysetHandle keyset = Keysets.generate();
    String json = Keysets.toCleartextJson(keyset, CleartextKeyset.ACCEPT_UNPROTECTED);
    String keyValue = json.replaceAll("(?s).*\"value\":\\s*\"([^\"]+)\".*", "$1");

    String text = RecordEncryption.of(keyset).toString();

    assertThat(text).contains(Long.toString(Integer.toUnsignedLong(keyset.getPrimary().getId())));
    assertThat(keyValue).hasSizeGreaterThan(20);
    assertThat(text).doesNotContain(keyValue);
  }
}
