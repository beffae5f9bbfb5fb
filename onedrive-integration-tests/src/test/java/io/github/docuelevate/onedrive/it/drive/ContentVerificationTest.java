package io.github.docuelevate.onedrive.it.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.ContentMismatchException;
import io.github.docuelevate.onedrive.drive.ConflictBehavior;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.drive.UploadOptions;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content damaged on the way or at rest is caught by comparing {@code quickXorHash}: the fake
 * stores a changed byte ({@link FakeDrives#damageNextUploads}) or serves one ({@link
 * FakeDrives#damageStoredFile}) and the library raises {@link ContentMismatchException}.
 */
class ContentVerificationTest {
  private static final int UNIT = DriveOptions.FRAGMENT_UNIT;

  private final DriveFixture fixture =
      new DriveFixture(DriveOptions.builder().fragmentSize(2 * UNIT).build());
  private final FakeDrives drives = fixture.fake.drives();

  @TempDir Path dir;

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void simpleUpload_whoseStoredBytesDiffer_raisesContentMismatchNamingTheItem() {
    byte[] bytes = Content.randomBytes(5000, 21);
    drives.damageNextUploads(1);

    assertThatThrownBy(
            () -> fixture.integration.uploads().upload(UploadSource.of(bytes), "In", "a.bin"))
        .isInstanceOfSatisfying(
            ContentMismatchException.class,
            e -> {
              String id = drives.find(fixture.driveId, "In/a.bin").orElseThrow().id();
              assertThat(e.itemId()).isEqualTo(id);
              assertThat(e.getMessage()).contains("In/a.bin").contains("quickXorHash");
            });
    assertThat(fixture.graphRequests())
        .filteredOn(r -> r.path().startsWith("/graph-upload/"))
        .as("small content goes in one simple upload")
        .isEmpty();
  }

  @Test
  void sessionUploadFromPath_whoseStoredBytesDiffer_raisesContentMismatch_andReplaceRepairsIt()
      throws Exception {
    Path file = Content.randomFile(dir.resolve("big.bin"), 5L * UNIT + 99, 22);
    drives.damageNextUploads(1);

    assertThatThrownBy(
            () -> fixture.integration.uploads().upload(UploadSource.of(file), "In", "big.bin"))
        .isInstanceOf(ContentMismatchException.class)
        .hasMessageContaining("In/big.bin");
    assertThat(fixture.graphRequests())
        .filteredOn(r -> r.path().startsWith("/graph-upload/"))
        .as("the file went through an upload session")
        .hasSizeGreaterThan(1);
    FakeDrives.Entry damaged = drives.find(fixture.driveId, "In/big.bin").orElseThrow();
    assertThat(damaged.quickXorHash()).isNotEqualTo(Content.quickXor(file));

    DriveItem repaired =
        fixture
            .integration
            .uploads()
            .upload(
                UploadSource.of(file),
                "In",
                "big.bin",
                UploadOptions.builder().conflictBehavior(ConflictBehavior.REPLACE).build());

    assertThat(repaired.id()).isEqualTo(damaged.id());
    assertThat(Content.storedSha256(drives, fixture.driveId, "In/big.bin"))
        .isEqualTo(Content.sha256(file));
  }

  @Test
  void sessionUploadFromStreamOfUnknownLength_whoseStoredBytesDiffer_raisesContentMismatch() {
    byte[] bytes = Content.randomBytes(3 * UNIT + 5, 23);
    drives.damageNextUploads(1);

    assertThatThrownBy(
            () ->
                fixture
                    .integration
                    .uploads()
                    .upload(UploadSource.of(new ByteArrayInputStream(bytes)), "In", "s.bin"))
        .isInstanceOf(ContentMismatchException.class)
        .hasMessageContaining("In/s.bin");
  }

  @Test
  void hashCheckTurnedOff_acceptsTheDamagedUpload() {
    byte[] bytes = Content.randomBytes(5000, 24);
    drives.damageNextUploads(1);

    DriveItem item =
        fixture
            .integration
            .uploads()
            .upload(
                UploadSource.of(bytes),
                "In",
                "unchecked.bin",
                UploadOptions.builder().verifyHash(false).build());

    assertThat(item.size()).isEqualTo(bytes.length);
    assertThat(Content.storedSha256(drives, fixture.driveId, "In/unchecked.bin"))
        .isNotEqualTo(Content.sha256(bytes));
  }

  @Test
  void downloadToPath_ofBytesThatNoLongerMatchTheirHash_failsAndLeavesTheTargetAlone()
      throws Exception {
    drives.putFile(fixture.driveId, "Docs/rot.bin", Content.randomBytes(4 * UNIT, 25));
    drives.damageStoredFile(fixture.driveId, "Docs/rot.bin");
    String id = drives.find(fixture.driveId, "Docs/rot.bin").orElseThrow().id();
    Path target = dir.resolve("rot.bin");
    Files.writeString(target, "previous content", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> fixture.integration.downloads().download("Docs/rot.bin", target))
        .isInstanceOfSatisfying(
            ContentMismatchException.class,
            e -> {
              assertThat(e.itemId()).isEqualTo(id);
              assertThat(e.getMessage()).contains("Docs/rot.bin");
            });
    assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("previous content");
    try (var files = Files.list(dir)) {
      assertThat(files).noneMatch(p -> p.getFileName().toString().endsWith(".onedrive-part"));
    }
  }

  @Test
  void downloadToStream_ofBytesThatNoLongerMatchTheirHash_fails() {
    drives.putFile(fixture.driveId, "Docs/rot.txt", "some text".getBytes(StandardCharsets.UTF_8));
    drives.damageStoredFile(fixture.driveId, "Docs/rot.txt");
    String id = drives.find(fixture.driveId, "Docs/rot.txt").orElseThrow().id();

    assertThatThrownBy(
            () -> fixture.integration.downloads().downloadById(id, new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(
            ContentMismatchException.class, e -> assertThat(e.itemId()).isEqualTo(id));
  }
}
