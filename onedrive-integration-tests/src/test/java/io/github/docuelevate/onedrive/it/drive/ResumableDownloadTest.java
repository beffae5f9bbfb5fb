package io.github.docuelevate.onedrive.it.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.docuelevate.onedrive.ContentMismatchException;
import io.github.docuelevate.onedrive.DownloadInProgressException;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.drive.DownloadOptions;
import io.github.docuelevate.onedrive.drive.Downloads;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.drive.PartialDownload;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import io.github.docuelevate.onedrive.testkit.RecordedRequest;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads to a path that did not complete are continued by the next call, in the same process or
 * a restarted one, asking only for the missing bytes, and start over when the file changed.
 */
class ResumableDownloadTest {
  private static final String DOWNLOADS = "/graph-download/**";
  private static final int SIZE = 6 * 1024 * 1024 + 11;
  private static final long CUT = 2_000_000;

  /** A short request timeout: a stalled download is given up after one second. */
  private static final DriveOptions OPTIONS =
      DriveOptions.builder().requestTimeout(Duration.ofSeconds(1)).build();

  private final DriveFixture fixture = new DriveFixture(OPTIONS);
  private final FakeDrives drives = fixture.fake.drives();
  private final Downloads downloads = fixture.integration.downloads();

  @TempDir Path dir;

  @AfterEach
  void close() {
    fixture.close();
  }

  private List<RecordedRequest> downloadRequests() {
    return fixture.graphRequests().stream()
        .filter(r -> r.path().startsWith("/graph-download/"))
        .toList();
  }

  /**
   * Runs a download that loses its connection after {@link #CUT} bytes and then finds the server
   * failing until the retries run out; returns the size of the part file it leaves (-1 for none).
   */
  private long interruptedDownload(String path, Path target, DownloadOptions options)
      throws Exception {
    FaultRule cut =
        fixture.fake.faults().add(FaultRule.on("GET", DOWNLOADS).times(1).resetMidResponse(CUT));
    FaultRule down = fixture.fake.faults().add(FaultRule.on("GET", DOWNLOADS).error(500));

    assertThatThrownBy(() -> downloads.download(path, target, options))
        .isInstanceOf(TransientNetworkException.class)
        .hasMessageContaining("failed at byte ");

    fixture.fake.faults().remove(cut);
    fixture.fake.faults().remove(down);
    fixture.fake.journal().clear();
    assertThat(target).doesNotExist();
    Path part = Downloads.partFileOf(target);
    if (!Files.exists(part)) {
      return -1;
    }
    // Bytes in flight when the connection dropped may be lost: at most CUT arrived.
    long kept = Files.size(part);
    assertThat(kept).isPositive().isLessThanOrEqualTo(CUT);
    return kept;
  }

  @Test
  void interruptedDownload_isContinuedByARestartedProcessWithOnlyTheMissingBytes()
      throws Exception {
    byte[] content = Content.randomBytes(SIZE, 41);
    drives.putFile(fixture.driveId, "Docs/resume.bin", content);
    Path target = dir.resolve("resume.bin");
    long kept = interruptedDownload("Docs/resume.bin", target, DownloadOptions.defaults());
    assertThat(Downloads.partRecordOf(target)).exists();

    List<Long> progress = new ArrayList<>();
    Downloads restarted = fixture.restartedProcess(OPTIONS).systemIntegration().downloads();
    restarted.download(
        "Docs/resume.bin",
        target,
        DownloadOptions.builder()
            .progressListener((received, total) -> progress.add(received))
            .build());

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(progress.get(0)).isEqualTo(kept);
    assertThat(progress.get(progress.size() - 1)).isEqualTo(SIZE);
    List<RecordedRequest> requests = downloadRequests();
    assertThat(requests).hasSize(1);
    RecordedRequest resumed = requests.get(0);
    assertThat(resumed.header("Range")).isEqualTo("bytes=" + kept + "-");
    assertThat(resumed.header("If-Range"))
        .isNotNull()
        .isEqualTo(fixture.integration.folders().item("Docs/resume.bin").eTag());
    assertThat(resumed.status()).isEqualTo(206);
    assertThat(Downloads.partFileOf(target)).doesNotExist();
    assertThat(Downloads.partRecordOf(target)).doesNotExist();
  }

  @Test
  void fileChangedBetweenRuns_isDownloadedAgainFromTheFirstByte() throws Exception {
    drives.putFile(fixture.driveId, "Docs/changing.bin", Content.randomBytes(SIZE, 42));
    Path target = dir.resolve("changing.bin");
    interruptedDownload("Docs/changing.bin", target, DownloadOptions.defaults());
    byte[] changed = Content.randomBytes(SIZE, 43);
    drives.putFile(fixture.driveId, "Docs/changing.bin", changed);

    downloads.download("Docs/changing.bin", target);

    assertThat(Files.readAllBytes(target)).isEqualTo(changed);
    List<RecordedRequest> requests = downloadRequests();
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).header("Range")).isNull();
    assertThat(requests.get(0).status()).isEqualTo(200);
  }

  @Test
  void changeTheRecordMissed_isCaughtByIfRangeAndStartsOver() throws Exception {
    drives.putFile(fixture.driveId, "Docs/sneaky.bin", Content.randomBytes(SIZE, 44));
    Path target = dir.resolve("sneaky.bin");
    long kept = interruptedDownload("Docs/sneaky.bin", target, DownloadOptions.defaults());
    byte[] changed = Content.randomBytes(SIZE, 45);
    drives.putFile(fixture.driveId, "Docs/sneaky.bin", changed);
    // A record that still matches the changed item: only the entity tag it kept is old.
    String cTag = fixture.integration.folders().item("Docs/sneaky.bin").cTag();
    ObjectMapper json = new ObjectMapper();
    ObjectNode record = (ObjectNode) json.readTree(Downloads.partRecordOf(target).toFile());
    record.put("cTag", cTag);
    record.put(
        "quickXorHash", drives.find(fixture.driveId, "Docs/sneaky.bin").get().quickXorHash());
    json.writeValue(Downloads.partRecordOf(target).toFile(), record);

    downloads.download("Docs/sneaky.bin", target);

    assertThat(Files.readAllBytes(target)).isEqualTo(changed);
    List<RecordedRequest> requests = downloadRequests();
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).header("Range")).isEqualTo("bytes=" + kept + "-");
    assertThat(requests.get(0).header("If-Range")).isNotNull();
    assertThat(requests.get(0).status()).isEqualTo(200);
  }

  @Test
  void keptBytesThatNoLongerMatch_failWithContentMismatchAndKeepNothing() throws Exception {
    drives.putFile(fixture.driveId, "Docs/rot.bin", Content.randomBytes(SIZE, 46));
    Path target = dir.resolve("rot.bin");
    interruptedDownload("Docs/rot.bin", target, DownloadOptions.defaults());
    drives.damageStoredFile(fixture.driveId, "Docs/rot.bin");

    assertThatThrownBy(() -> downloads.download("Docs/rot.bin", target))
        .isInstanceOf(ContentMismatchException.class)
        .hasMessageContaining("Docs/rot.bin");

    assertThat(target).doesNotExist();
    assertThat(Downloads.partFileOf(target)).doesNotExist();
    assertThat(Downloads.partRecordOf(target)).doesNotExist();
  }

  @Test
  void discardingPartialDownloads_leavesNothingBehind() throws Exception {
    drives.putFile(fixture.driveId, "Docs/once.bin", Content.randomBytes(SIZE, 47));
    Path target = dir.resolve("once.bin");
    DownloadOptions discard =
        DownloadOptions.builder().partialDownload(PartialDownload.DISCARD).build();

    assertThat(interruptedDownload("Docs/once.bin", target, discard)).isEqualTo(-1);
    assertThat(Downloads.partRecordOf(target)).doesNotExist();
    downloads.download("Docs/once.bin", target, discard);
    assertThat(downloadRequests().get(0).header("Range")).isNull();
  }

  @Test
  void secondDownloadToTheSameTarget_isRefusedWhileTheFirstHoldsThePartFile() throws Exception {
    drives.putFile(fixture.driveId, "Docs/busy.txt", new byte[] {1, 2, 3});
    Path target = dir.resolve("busy.txt");
    try (FileChannel channel =
            FileChannel.open(
                Downloads.partFileOf(target), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      assertThatThrownBy(() -> downloads.download("Docs/busy.txt", target))
          .isInstanceOfSatisfying(
              DownloadInProgressException.class, e -> assertThat(e.target()).isEqualTo(target))
          .hasMessageContaining("another download to " + target)
          .hasMessageContaining("wait for it to finish");
      assertThat(held.isValid()).isTrue();
    }
    assertThat(downloadRequests()).isEmpty();
    assertThat(target).doesNotExist();
  }
}
