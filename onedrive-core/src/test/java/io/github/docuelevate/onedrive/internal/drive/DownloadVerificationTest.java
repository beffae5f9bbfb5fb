package io.github.docuelevate.onedrive.internal.drive;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.ContentMismatchException;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.FileHashes;
import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DownloadVerificationTest {
  private static final byte[] CONTENT = "the stored content".getBytes(StandardCharsets.UTF_8);

  private static DriveItem item(long size, @Nullable String quickXor) {
    return new DriveItem(
        "id1",
        "f.txt",
        "Docs/f.txt",
        "p",
        false,
        size,
        null,
        Instant.EPOCH,
        new FileHashes(quickXor, null, null),
        null,
        null,
        null);
  }

  private static QuickXorHash hashOf(byte[] bytes) {
    QuickXorHash hash = new QuickXorHash();
    hash.update(bytes);
    return hash;
  }

  @Test
  void matchingSizeAndHash_pass() {
    assertThatCode(
            () ->
                DownloadService.verify(
                    "download",
                    item(CONTENT.length, QuickXorHash.of(CONTENT)),
                    CONTENT.length,
                    hashOf(CONTENT)))
        .doesNotThrowAnyException();
  }

  @Test
  void differentBytesOfTheSameSize_areAMismatch() {
    byte[] other = CONTENT.clone();
    other[3] ^= 1;
    assertThatThrownBy(
            () ->
                DownloadService.verify(
                    "download of 'Docs/f.txt'",
                    item(CONTENT.length, QuickXorHash.of(CONTENT)),
                    other.length,
                    hashOf(other)))
        .isInstanceOf(ContentMismatchException.class)
        .hasMessageContaining("Docs/f.txt")
        .hasMessageContaining(QuickXorHash.of(CONTENT));
  }

  @Test
  void aShortBody_isAMismatch() {
    assertThatThrownBy(
            () ->
                DownloadService.verify(
                    "download",
                    item(CONTENT.length + 1, QuickXorHash.of(CONTENT)),
                    CONTENT.length,
                    hashOf(CONTENT)))
        .isInstanceOf(ContentMismatchException.class)
        .hasMessageContaining("received " + CONTENT.length + " bytes");
  }

  @Test
  void noHashFromGraph_checksTheSizeOnly() {
    assertThatCode(
            () ->
                DownloadService.verify(
                    "download", item(CONTENT.length, null), CONTENT.length, hashOf(CONTENT)))
        .doesNotThrowAnyException();
  }
}
