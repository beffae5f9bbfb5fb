package io.github.docuelevate.onedrive.it.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.InvalidDrivePathException;
import io.github.docuelevate.onedrive.NotFoundException;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.drive.Downloads;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import io.github.docuelevate.onedrive.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadTest {
  private static final String DOWNLOADS = "/graph-download/**";

  /** A short request timeout: a stalled download is given up after one second. */
  private final DriveFixture fixture =
      new DriveFixture(DriveOptions.builder().requestTimeout(Duration.ofSeconds(1)).build());

  private final FakeDrives drives = fixture.fake.drives();
  private final Downloads downloads = fixture.integration.downloads();

  @TempDir Path dir;

  @AfterEach
  void close() {
    fixture.close();
  }

  private FakeDrives.Entry seed(String path, long size) throws Exception {
    Path local = Content.randomFile(dir.resolve("seed-" + size), size, size);
    try (InputStream in = Files.newInputStream(local)) {
      return drives.putFile(fixture.driveId, path, in);
    }
  }

  private List<RecordedRequest> downloadRequests() {
    return fixture.graphRequests().stream()
        .filter(r -> r.path().startsWith("/graph-download/"))
        .toList();
  }

  @Test
  void downloadToPath_streamsVerifiesAndNeverSendsTheTokenToTheDownloadUrl() throws Exception {
    FakeDrives.Entry stored = seed("Docs/big.bin", 30L * 1024 * 1024 + 7);
    Path target = dir.resolve("out.bin");

    DriveItem item = downloads.download("Docs/big.bin", target);

    assertThat(item.id()).isEqualTo(stored.id());
    assertThat(Files.size(target)).isEqualTo(stored.size());
    assertThat(Content.sha256(target))
        .isEqualTo(Content.storedSha256(drives, fixture.driveId, "Docs/big.bin"));
    assertThat(Content.quickXor(target)).isEqualTo(stored.quickXorHash());
    assertThat(downloadRequests())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
    assertThat(fixture.graphRequests())
        .filteredOn(r -> r.path().endsWith("/content"))
        .allSatisfy(r -> assertThat(r.header("Authorization")).isNotNull());
    try (var leftovers = Files.list(dir)) {
      assertThat(leftovers).noneMatch(p -> p.getFileName().toString().endsWith(".onedrive-part"));
    }
  }

  @Test
  void downloadByIdToStream_givesTheBytes() throws Exception {
    FakeDrives.Entry stored = seed("Docs/small.txt", 1234);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    downloads.downloadById(stored.id(), out);

    assertThat(Content.sha256(out.toByteArray()))
        .isEqualTo(Content.storedSha256(drives, fixture.driveId, "Docs/small.txt"));
  }

  @Test
  void emptyFile_downloadsAsEmpty() throws Exception {
    drives.putFile(fixture.driveId, "Docs/empty.txt", new byte[0]);
    Path target = dir.resolve("empty.txt");

    downloads.download("Docs/empty.txt", target);

    assertThat(target).exists().isEmptyFile();
  }

  @Test
  void droppedConnectionsAndServerErrors_areRetried() throws Exception {
    seed("Docs/flaky.bin", 3L * 1024 * 1024);
    FaultRule reset =
        fixture.fake.faults().add(FaultRule.on("GET", DOWNLOADS).times(1).resetBeforeResponse());
    FaultRule error = fixture.fake.faults().add(FaultRule.on("GET", DOWNLOADS).times(2).error(503));
    Path target = dir.resolve("flaky.bin");

    downloads.download("Docs/flaky.bin", target);

    assertThat(fixture.fake.faults().fired(reset)).isOne();
    assertThat(fixture.fake.faults().fired(error)).isEqualTo(2);
    assertThat(Content.sha256(target))
        .isEqualTo(Content.storedSha256(drives, fixture.driveId, "Docs/flaky.bin"));
  }

  @Test
  void connectionStalledMidDownload_isDroppedAndResumedWithARangeRequest() throws Exception {
    FakeDrives.Entry stored = seed("Docs/resume.bin", 20L * 1024 * 1024 + 3);
    FaultRule drop =
        fixture
            .fake
            .faults()
            .add(FaultRule.on("GET", DOWNLOADS).times(2).resetMidResponse(5_000_000));
    Path target = dir.resolve("resume.bin");

    downloads.download("Docs/resume.bin", target);

    assertThat(fixture.fake.faults().fired(drop)).isEqualTo(2);
    assertThat(Files.size(target)).isEqualTo(stored.size());
    assertThat(Content.sha256(target))
        .isEqualTo(Content.storedSha256(drives, fixture.driveId, "Docs/resume.bin"));
    List<String> ranges =
        downloadRequests().stream().map(r -> String.valueOf(r.header("Range"))).toList();
    assertThat(ranges).hasSize(3);
    assertThat(ranges.get(0)).isEqualTo("null");
    assertThat(ranges.get(1)).matches("bytes=\\d+-");
    assertThat(ranges.get(2)).matches("bytes=\\d+-");
    long second = Long.parseLong(ranges.get(1).replaceAll("\\D", ""));
    long third = Long.parseLong(ranges.get(2).replaceAll("\\D", ""));
    assertThat(second).isPositive();
    assertThat(third).isGreaterThan(second);
  }

  @Test
  void expiredDownloadUrl_isReplacedByAFreshOne() throws Exception {
    seed("Docs/expiring.bin", 100_000);
    fixture.fake.faults().add(FaultRule.on("GET", DOWNLOADS).times(1).error(401));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    downloads.download("Docs/expiring.bin", out);

    assertThat(out.size()).isEqualTo(100_000);
    assertThat(fixture.graphRequests().stream().filter(r -> r.path().endsWith("/content")))
        .hasSize(2);
  }

  @Test
  void persistentFailure_saysWhereAndLeavesNoPartialFile() throws Exception {
    seed("Docs/broken.bin", 200_000);
    fixture.fake.faults().add(FaultRule.on("GET", DOWNLOADS).error(500));
    Path target = dir.resolve("broken.bin");

    assertThatThrownBy(() -> downloads.download("Docs/broken.bin", target))
        .isInstanceOf(TransientNetworkException.class)
        .hasMessageContaining("download of 'Docs/broken.bin' failed at byte 0 of 200000");

    assertThat(target).doesNotExist();
    try (var leftovers = Files.list(dir)) {
      assertThat(leftovers).noneMatch(p -> p.getFileName().toString().endsWith(".onedrive-part"));
    }
  }

  @Test
  void missingFilesFoldersAndBadPaths_areRefused() {
    drives.createFolders(fixture.driveId, "Docs/folder");
    assertThatThrownBy(() -> downloads.download("Docs/none.bin", new ByteArrayOutputStream()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> downloads.download("Docs/folder", new ByteArrayOutputStream()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> downloads.download("Docs/a|b", new ByteArrayOutputStream()))
        .isInstanceOf(InvalidDrivePathException.class);
  }
}
