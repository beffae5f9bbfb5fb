package io.github.docuelevate.onedrive.internal.drive;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.ContentMismatchException;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.FileHashes;
import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DownloadVerificationTest {
  private static final byte[] CONTENT = "the stored content".getBytes(StandardCharsets.UTF_8);

  private static DriveItem item(long size, FileHashes hashes) {
    return new DriveItem(
        "id1",
        "f.txt",
        "Docs/f.txt",
        "p",
        false,
        size,
        null,
        Instant.EPOCH,
        hashes,
        null,
        null,
        null);
  }

  private static FileHashes quickXor(byte[] bytes) {
    return new FileHashes(QuickXorHash.of(bytes), null, null);
  }

  private static ContentCheck fed(DriveItem item, byte[] bytes) {
    ContentCheck check = new ContentCheck(item);
    check.update(bytes, 0, bytes.length);
    return check;
  }

  private static String sha256Hex(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void matchingSizeAndHash_pass() {
    DriveItem item = item(CONTENT.length, quickXor(CONTENT));
    assertThatCode(() -> fed(item, CONTENT).verify("download")).doesNotThrowAnyException();
  }

  @Test
  void differentBytesOfTheSameSize_areAMismatch() {
    byte[] other = CONTENT.clone();
    other[3] ^= 1;
    DriveItem item = item(CONTENT.length, quickXor(CONTENT));
    assertThatThrownBy(() -> fed(item, other).verify("download of 'Docs/f.txt'"))
        .isInstanceOf(ContentMismatchException.class)
        .hasMessageContaining("Docs/f.txt")
        .hasMessageContaining(QuickXorHash.of(CONTENT));
  }

  @Test
  void aShortBody_isAMismatch() {
    DriveItem item = item(CONTENT.length + 1, quickXor(CONTENT));
    assertThatThrownBy(() -> fed(item, CONTENT).verify("download"))
        .isInstanceOf(ContentMismatchException.class)
        .hasMessageContaining("received " + CONTENT.length + " bytes");
  }

  @Test
  void bytesFedAfterAReset_areTheOnesChecked() {
    DriveItem item = item(CONTENT.length, quickXor(CONTENT));
    ContentCheck check = fed(item, "older bytes".getBytes(StandardCharsets.UTF_8));
    check.reset();
    check.update(CONTENT, 0, 5);
    check.update(CONTENT, 5, CONTENT.length - 5);
    assertThatCode(() -> check.verify("download")).doesNotThrowAnyException();
  }

  @Test
  void onlySha256FromGraph_checksSha256InEitherCase() throws Exception {
    byte[] other = CONTENT.clone();
    other[0] ^= 1;
    DriveItem lower = item(CONTENT.length, new FileHashes(null, null, sha256Hex(CONTENT)));
    DriveItem upper =
        item(CONTENT.length, new FileHashes(null, null, sha256Hex(CONTENT).toUpperCase()));
    assertThatCode(() -> fed(lower, CONTENT).verify("download")).doesNotThrowAnyException();
    assertThatCode(() -> fed(upper, CONTENT).verify("download")).doesNotThrowAnyException();
    assertThatThrownBy(() -> fed(lower, other).verify("download"))
        .isInstanceOf(ContentMismatchException.class)
        .hasMessageContaining("sha256Hash");
  }

  @Test
  void noHashFromGraph_checksTheSizeOnly() {
    DriveItem item = item(CONTENT.length, FileHashes.NONE);
    assertThatCode(() -> fed(item, CONTENT).verify("download")).doesNotThrowAnyException();
    assertThatThrownBy(() -> fed(item, new byte[3]).verify("download"))
        .isInstanceOf(ContentMismatchException.class);
  }
}
