package io.github.docuelevate.onedrive.it.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.ConflictException;
import io.github.docuelevate.onedrive.InvalidDrivePathException;
import io.github.docuelevate.onedrive.QuotaExceededException;
import io.github.docuelevate.onedrive.drive.ConflictBehavior;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.drive.FileModifiedTime;
import io.github.docuelevate.onedrive.drive.ListOptions;
import io.github.docuelevate.onedrive.drive.UploadOptions;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.drive.Uploads;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import io.github.docuelevate.onedrive.testkit.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadTest {
  private static final int UNIT = DriveOptions.FRAGMENT_UNIT;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

  private final DriveFixture fixture =
      new DriveFixture(
          DriveOptions.builder()
              .fragmentSize(3 * UNIT)
              .userAgent("Contoso", "DocSync", "2.1")
              .build());
  private final FakeDrives drives = fixture.fake.drives();
  private final Uploads uploads = fixture.integration.uploads();

  @TempDir Path dir;

  @AfterEach
  void close() {
    fixture.close();
  }

  private List<RecordedRequest> uploadUrlRequests() {
    return fixture.graphRequests().stream()
        .filter(r -> r.path().startsWith("/graph-upload/"))
        .toList();
  }

  @Test
  void smallBytes_goInOneRequestWithTheDecoratedUserAgent() {
    byte[] bytes = Content.randomBytes(1000, 1);

    DriveItem item = uploads.upload(UploadSource.of(bytes), "Docs", "small.bin");

    assertThat(item.size()).isEqualTo(1000);
    assertThat(Content.storedSha256(drives, fixture.driveId, "Docs/small.bin"))
        .isEqualTo(Content.sha256(bytes));
    assertThat(uploadUrlRequests()).isEmpty();
    RecordedRequest put =
        fixture.graphRequests().stream()
            .filter(r -> r.method().equals("PUT"))
            .findFirst()
            .orElseThrow();
    assertThat(put.path()).endsWith("/content");
    assertThat(put.header("Authorization")).isNotNull();
    assertThat(put.header("User-Agent")).startsWith("ISV|Contoso|DocSync/2.1 onedrive-java/");
  }

  @Test
  void fileLargerThanOneFragment_goesThroughASessionFollowingGraphsRules() throws Exception {
    Path file = Content.randomFile(dir.resolve("report.pdf"), 10L * UNIT + 12_345, 2);
    Instant modified = Instant.parse("2024-03-04T05:06:07Z");
    Files.setLastModifiedTime(file, FileTime.from(modified));
    List<Long> progress = new ArrayList<>();

    DriveItem item =
        uploads.upload(
            UploadSource.of(file),
            "Docs/Reports",
            "report.pdf",
            UploadOptions.builder().progressListener((done, total) -> progress.add(done)).build());

    FakeDrives.Entry stored = drives.find(fixture.driveId, "Docs/Reports/report.pdf").orElseThrow();
    assertThat(stored.size()).isEqualTo(Files.size(file));
    assertThat(Content.storedSha256(drives, fixture.driveId, "Docs/Reports/report.pdf"))
        .isEqualTo(Content.sha256(file));
    assertThat(stored.quickXorHash()).isEqualTo(Content.quickXor(file));
    assertThat(item.hashes().quickXorHash()).isEqualTo(stored.quickXorHash());
    assertThat(stored.lastModified()).isEqualTo(modified);
    assertThat(progress).isSorted().last().isEqualTo(Files.size(file));

    List<RecordedRequest> puts = uploadUrlRequests();
    assertThat(puts).hasSize(4);
    for (RecordedRequest put : puts) {
      assertThat(put.header("Authorization")).isNull();
      Matcher range = CONTENT_RANGE.matcher(put.header("Content-Range"));
      assertThat(range.matches()).isTrue();
      long length = Long.parseLong(range.group(2)) - Long.parseLong(range.group(1)) + 1;
      assertThat(Long.parseLong(range.group(3))).isEqualTo(Files.size(file));
      if (Long.parseLong(range.group(2)) + 1 < Files.size(file)) {
        assertThat(length).isEqualTo(3L * UNIT);
      }
    }
    assertThat(fixture.graphRequests()).noneMatch(r -> r.method().equals("PATCH"));
  }

  @Test
  void smallFile_withDefaultOptions_goesInOneRequestWithoutItsModifiedTime() throws Exception {
    Path file = Content.randomFile(dir.resolve("note.txt"), 100 * 1024, 31);
    Instant modified = Instant.parse("2023-01-02T03:04:05Z");
    Files.setLastModifiedTime(file, FileTime.from(modified));

    DriveItem item = uploads.upload(UploadSource.of(file), "Docs", "note.txt");

    assertThat(item.size()).isEqualTo(100 * 1024);
    assertThat(Content.storedSha256(drives, fixture.driveId, "Docs/note.txt"))
        .isEqualTo(Content.sha256(file));
    assertThat(drives.find(fixture.driveId, "Docs/note.txt").orElseThrow().lastModified())
        .isNotEqualTo(modified);
    assertThat(uploadUrlRequests()).isEmpty();
    assertThat(fixture.graphRequests())
        .noneMatch(r -> r.path().endsWith("/createUploadSession"))
        .filteredOn(r -> r.method().equals("PUT"))
        .hasSize(1);
  }

  @Test
  void smallFile_keepingItsModifiedTime_goesThroughASessionAndKeepsIt() throws Exception {
    Path file = Content.randomFile(dir.resolve("kept.txt"), 100 * 1024, 32);
    Instant modified = Instant.parse("2023-01-02T03:04:05Z");
    Files.setLastModifiedTime(file, FileTime.from(modified));

    uploads.upload(
        UploadSource.of(file),
        "Docs",
        "kept.txt",
        UploadOptions.builder().fileModifiedTime(FileModifiedTime.ALWAYS).build());

    assertThat(drives.find(fixture.driveId, "Docs/kept.txt").orElseThrow().lastModified())
        .isEqualTo(modified);
    assertThat(uploadUrlRequests()).hasSize(1);
  }

  @Test
  void largeFile_goesInFragmentsOfAnEighthOfItsSize_whileBytesUseTheFragmentSize()
      throws Exception {
    byte[] bytes = Content.randomBytes(40 * UNIT, 33);
    Path file = Files.write(dir.resolve("large.bin"), bytes);

    uploads.upload(UploadSource.of(file), "L", "from-file.bin");
    List<RecordedRequest> fileFragments = uploadUrlRequests();
    uploads.upload(UploadSource.of(bytes), "L", "from-bytes.bin");
    List<RecordedRequest> byteFragments =
        uploadUrlRequests().subList(fileFragments.size(), uploadUrlRequests().size());

    assertThat(fileFragments).hasSize(8);
    assertThat(fileFragments.get(0).header("Content-Range"))
        .isEqualTo("bytes 0-" + (5 * UNIT - 1) + "/" + bytes.length);
    assertThat(byteFragments).hasSize(14);
    assertThat(Content.storedSha256(drives, fixture.driveId, "L/from-file.bin"))
        .isEqualTo(Content.sha256(bytes));
    assertThat(Content.storedSha256(drives, fixture.driveId, "L/from-bytes.bin"))
        .isEqualTo(Content.sha256(bytes));
  }

  @Test
  void emptyFile_usesTheSimpleUpload() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.txt"));

    DriveItem item = uploads.upload(UploadSource.of(empty), "Docs", "empty.txt");

    assertThat(item.size()).isZero();
    assertThat(drives.find(fixture.driveId, "Docs/empty.txt").orElseThrow().size()).isZero();
    assertThat(uploadUrlRequests()).isEmpty();
  }

  @Test
  void streamsOfKnownAndUnknownLength_arriveIntact() {
    byte[] small = Content.randomBytes(200_000, 3);
    byte[] large = Content.randomBytes(5 * 1024 * 1024 + 17, 4);

    uploads.upload(UploadSource.of(new ByteArrayInputStream(small)), "S", "small-unknown.bin");
    uploads.upload(UploadSource.of(new ByteArrayInputStream(large)), "S", "large-unknown.bin");
    uploads.upload(
        UploadSource.of(new ByteArrayInputStream(large), large.length), "S", "large-known.bin");

    assertThat(Content.storedSha256(drives, fixture.driveId, "S/small-unknown.bin"))
        .isEqualTo(Content.sha256(small));
    assertThat(Content.storedSha256(drives, fixture.driveId, "S/large-unknown.bin"))
        .isEqualTo(Content.sha256(large));
    assertThat(Content.storedSha256(drives, fixture.driveId, "S/large-known.bin"))
        .isEqualTo(Content.sha256(large));
  }

  @Test
  void simpleUpload_whoseAnswerIsLostAfterTheFileWasStored_returnsTheStoredFileUnderFail() {
    byte[] bytes = Content.randomBytes(1000, 7);
    FaultRule lostAnswer =
        fixture.fake.faults().add(FaultRule.on("PUT", "/v1.0/**").times(1).resetAfterHandling());

    DriveItem item = uploads.upload(UploadSource.of(bytes), "Lost", "answer.bin");

    assertThat(fixture.fake.faults().fired(lostAnswer)).isEqualTo(1);
    assertThat(item.size()).isEqualTo(1000);
    assertThat(item.id())
        .isEqualTo(drives.find(fixture.driveId, "Lost/answer.bin").orElseThrow().id());
    assertThat(Content.storedSha256(drives, fixture.driveId, "Lost/answer.bin"))
        .isEqualTo(Content.sha256(bytes));
    assertThat(fixture.graphRequests().stream().filter(r -> r.method().equals("PUT")).count())
        .isEqualTo(2);
  }

  @Test
  void simpleUpload_retriedOntoAnotherFileOfTheSameName_stillFailsWithTheConflict() {
    uploads.upload(UploadSource.of(new byte[] {1, 2, 3}), "Lost", "other.bin");
    fixture.fake.faults().add(FaultRule.on("PUT", "/v1.0/**").times(1).resetBeforeResponse());

    assertThatThrownBy(
            () -> uploads.upload(UploadSource.of(new byte[] {4, 5, 6}), "Lost", "other.bin"))
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.errorCode()).isEqualTo("nameAlreadyExists"));
    assertThat(Content.storedSha256(drives, fixture.driveId, "Lost/other.bin"))
        .isEqualTo(Content.sha256(new byte[] {1, 2, 3}));
  }

  @Test
  void conflictBehaviours_failReplaceOrRename() {
    byte[] first = {1, 2, 3};
    byte[] second = {4, 5, 6, 7};
    uploads.upload(UploadSource.of(first), "C", "same.txt");

    assertThatThrownBy(() -> uploads.upload(UploadSource.of(second), "C", "same.txt"))
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.errorCode()).isEqualTo("nameAlreadyExists"));
    DriveItem renamed =
        uploads.upload(
            UploadSource.of(second),
            "C",
            "same.txt",
            UploadOptions.builder().conflictBehavior(ConflictBehavior.RENAME).build());
    uploads.upload(
        UploadSource.of(second),
        "C",
        "same.txt",
        UploadOptions.builder().conflictBehavior(ConflictBehavior.REPLACE).build());

    assertThat(renamed.name()).isNotEqualTo("same.txt").startsWith("same");
    assertThat(drives.readFile(fixture.driveId, "C/same.txt")).isEqualTo(second);
  }

  @Test
  void conflictOnASessionUpload_isAConflictAndCancelsNothingLeftOpen() throws Exception {
    Path file = Content.randomFile(dir.resolve("big.bin"), 4L * UNIT, 5);
    uploads.upload(UploadSource.of(file), "C", "big.bin");

    assertThatThrownBy(() -> uploads.upload(UploadSource.of(file), "C", "big.bin"))
        .isInstanceOf(ConflictException.class);
    assertThat(drives.openUploadSessions()).isZero();
  }

  @Test
  void unusualNames_roundTripThroughTheFake() {
    List<String> names =
        List.of(
            "a b.txt",
            "100% sure.txt",
            "C# notes.txt",
            "a+b=c.txt",
            "R&D plan.txt",
            "Ünïcödé.txt",
            "日本語のファイル.txt",
            "emoji 😀.txt",
            "it's (1) [x] {y}.txt");
    for (String name : names) {
      uploads.upload(
          UploadSource.of(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          "Odd #1/sub & more",
          name);
    }

    List<String> listed =
        fixture
            .integration
            .folders()
            .listAll("Odd #1/sub & more", ListOptions.defaults())
            .map(DriveItem::name)
            .toList();
    assertThat(listed).containsExactlyInAnyOrderElementsOf(names);
    for (String name : names) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      fixture.integration.downloads().download("Odd #1/sub & more/" + name, out);
      assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(name);
      assertThat(drives.find(fixture.driveId, "Odd #1/sub & more/" + name)).isPresent();
    }
  }

  @Test
  void badNames_areRefusedBeforeAnyRequest() {
    int before = fixture.graphRequests().size();
    for (String bad :
        List.of(
            "a?b",
            "x*",
            "trailing.",
            " lead",
            "NUL",
            "~$lock.docx",
            "my_vti_x",
            "desktop.ini",
            "tab\tname",
            "a".repeat(256))) {
      assertThatThrownBy(() -> uploads.upload(UploadSource.of(new byte[] {1}), "Docs", bad))
          .as(bad)
          .isInstanceOf(InvalidDrivePathException.class);
    }
    assertThatThrownBy(() -> uploads.upload(UploadSource.of(new byte[] {1}), "Docs/../x", "ok"))
        .isInstanceOf(InvalidDrivePathException.class)
        .hasMessageContaining("'..'");
    assertThat(fixture.graphRequests()).hasSize(before);
  }

  @Test
  void quotaExceeded_isReportedAsSuch() throws Exception {
    drives.setQuota(fixture.driveId, 2L * UNIT);
    Path file = Content.randomFile(dir.resolve("huge.bin"), 4L * UNIT, 6);

    assertThatThrownBy(() -> uploads.upload(UploadSource.of(file), "Q", "huge.bin"))
        .isInstanceOfSatisfying(
            QuotaExceededException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("quotaLimitReached");
              assertThat(e.getMessage()).contains("failed at byte 0 of " + 4L * UNIT);
            });
    assertThat(drives.openUploadSessions()).isZero();
  }

  @Test
  void manyUploadsAtOnce_shareOneIntegration() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<DriveItem>> futures = new ArrayList<>();
      List<Path> files = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Path file =
            Content.randomFile(dir.resolve("c" + i + ".bin"), 2L * UNIT + i * 1000L, 10 + i);
        files.add(file);
        int n = i;
        futures.add(
            pool.submit(() -> uploads.upload(UploadSource.of(file), "Many", "c" + n + ".bin")));
      }
      for (Future<DriveItem> f : futures) {
        f.get();
      }
      for (int i = 0; i < 8; i++) {
        assertThat(Content.storedSha256(drives, fixture.driveId, "Many/c" + i + ".bin"))
            .isEqualTo(Content.sha256(files.get(i)));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
