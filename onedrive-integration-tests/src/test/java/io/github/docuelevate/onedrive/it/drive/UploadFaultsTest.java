package io.github.docuelevate.onedrive.it.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.ThrottledException;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.UploadSessionLostException;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.drive.ResumableUpload;
import io.github.docuelevate.onedrive.drive.UploadOptions;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.drive.Uploads;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import io.github.docuelevate.onedrive.testkit.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every fault kind the fake injects, each during a 50 MiB upload; the stored bytes must match. */
class UploadFaultsTest {
  private static final int UNIT = DriveOptions.FRAGMENT_UNIT;
  private static final long SIZE = 50L * 1024 * 1024 + 4321;
  private static final String UPLOADS = "/graph-upload/**";
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

  @TempDir static Path dir;
  static Path file;
  static String sha256;

  private DriveFixture fixture =
      new DriveFixture(DriveOptions.builder().requestTimeout(Duration.ofSeconds(2)).build());

  @BeforeAll
  static void createFile() throws Exception {
    file = Content.randomFile(dir.resolve("big.bin"), SIZE, 50);
    sha256 = Content.sha256(file);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  /** Adds a fault rule to the fake. */
  private FaultRule inject(FaultRule rule) {
    return fixture.fake.faults().add(rule);
  }

  /** Starts a rule for upload fragments that lets the first {@code skip} of them through. */
  private static FaultRule.Builder fragmentsAfter(int skip) {
    return FaultRule.on("PUT", UPLOADS).skipFirst(skip);
  }

  private Uploads uploads() {
    return fixture.integration.uploads();
  }

  private void assertStoredIntact(String path) {
    assertThat(fixture.fake.drives().find(fixture.driveId, path).orElseThrow().size())
        .isEqualTo(SIZE);
    assertThat(Content.storedSha256(fixture.fake.drives(), fixture.driveId, path))
        .isEqualTo(sha256);
    assertThat(fixture.fake.drives().openUploadSessions()).isZero();
  }

  private List<long[]> fragmentRanges() {
    List<long[]> ranges = new ArrayList<>();
    for (RecordedRequest r : fixture.graphRequests()) {
      if (r.method().equals("PUT") && r.path().startsWith("/graph-upload/")) {
        Matcher m = CONTENT_RANGE.matcher(r.header("Content-Range"));
        assertThat(m.matches()).isTrue();
        ranges.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
      }
    }
    return ranges;
  }

  private void assertFragmentRules() {
    for (long[] range : fragmentRanges()) {
      long length = range[1] - range[0] + 1;
      assertThat(length).isLessThan(60L * 1024 * 1024);
      if (range[1] != SIZE - 1) {
        assertThat(length % UNIT).as("fragment %d-%d", range[0], range[1]).isZero();
      }
    }
    assertThat(fixture.graphRequests())
        .filteredOn(r -> r.path().startsWith("/graph-upload/"))
        .allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
  }

  @Test
  void connectionResetMidFragment_resendsTheFragment() {
    FaultRule rule = inject(fragmentsAfter(1).times(2).resetMidBody(3_000_000));

    uploads().upload(UploadSource.of(file), "F", "reset.bin");

    assertThat(fixture.fake.faults().fired(rule)).isEqualTo(2);
    assertStoredIntact("F/reset.bin");
    assertFragmentRules();
  }

  @Test
  void connectionResetBeforeTheAnswer_asksTheSessionWhereToGoOn() {
    FaultRule rule = inject(fragmentsAfter(2).times(2).resetBeforeResponse());

    uploads().upload(UploadSource.of(file), "F", "reset-answer.bin");

    assertThat(fixture.fake.faults().fired(rule)).isEqualTo(2);
    assertStoredIntact("F/reset-answer.bin");
    assertFragmentRules();
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 503})
  void throttling_honoursRetryAfter(int status) {
    FaultRule rule = inject(fragmentsAfter(1).times(2).throttle(status, Duration.ofSeconds(17)));

    uploads().upload(UploadSource.of(file), "F", "throttled-" + status + ".bin");

    assertThat(fixture.fake.faults().fired(rule)).isEqualTo(2);
    assertThat(fixture.waits).filteredOn(d -> d.equals(Duration.ofSeconds(17))).hasSize(2);
    assertStoredIntact("F/throttled-" + status + ".bin");
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void serverErrors_areRetriedWithBackoff(int status) {
    FaultRule rule = inject(fragmentsAfter(1).times(3).error(status));

    uploads().upload(UploadSource.of(file), "F", "error-" + status + ".bin");

    assertThat(fixture.fake.faults().fired(rule)).isEqualTo(3);
    assertThat(fixture.waits).hasSize(3);
    assertThat(fixture.waits)
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(500), Duration.ofSeconds(8)));
    assertStoredIntact("F/error-" + status + ".bin");
  }

  @Test
  void partialAccept_continuesFromAnUnalignedOffset() {
    long kept = 1_000_003;
    inject(fragmentsAfter(1).times(1).partialAccept(kept, Duration.ofSeconds(3)));

    uploads().upload(UploadSource.of(file), "F", "partial.bin");

    assertStoredIntact("F/partial.bin");
    long fragment = DriveOptions.DEFAULT_FRAGMENT_SIZE;
    assertThat(fragmentRanges()).anySatisfy(r -> assertThat(r[0]).isEqualTo(fragment + kept));
    assertThat((fragment + kept) % UNIT).isNotZero();
    assertFragmentRules();
  }

  @Test
  void timeoutMidFragment_isRetried() {
    FaultRule rule = inject(fragmentsAfter(1).times(1).delay(Duration.ofSeconds(4)));

    uploads().upload(UploadSource.of(file), "F", "slow.bin");

    assertThat(fixture.fake.faults().fired(rule)).isEqualTo(1);
    assertStoredIntact("F/slow.bin");
  }

  @Test
  void quotaFaultAndOtherRefusals_failWithoutRetryAndCancelTheSession() {
    inject(fragmentsAfter(2).times(1).quotaExceeded());

    assertThatThrownBy(() -> uploads().upload(UploadSource.of(file), "F", "full.bin"))
        .isInstanceOf(io.github.docuelevate.onedrive.QuotaExceededException.class)
        .hasMessageContaining("failed at byte " + 2L * DriveOptions.DEFAULT_FRAGMENT_SIZE);
    assertThat(fixture.fake.drives().openUploadSessions()).isZero();
    assertThat(fixture.fake.drives().find(fixture.driveId, "F/full.bin")).isEmpty();
  }

  /**
   * Returns options that, once 20 MiB are uploaded, run {@code midway} and then expire the upload
   * session, so the upload must create a new one; every session created is added to {@code
   * sessions}.
   */
  private UploadOptions losingTheSessionMidway(Runnable midway, List<ResumableUpload> sessions) {
    AtomicBoolean done = new AtomicBoolean();
    return UploadOptions.builder()
        .sessionListener(sessions::add)
        .progressListener(
            (sent, total) -> {
              if (sent >= 20L * 1024 * 1024 && !done.getAndSet(true)) {
                midway.run();
                String url = sessions.get(sessions.size() - 1).uploadUrl().reveal();
                assertThat(fixture.fake.faults().expireUploadSession(url)).isTrue();
              }
            })
        .build();
  }

  @Test
  void lostSession_startsOverCleanly() {
    List<ResumableUpload> sessions = new ArrayList<>();

    uploads()
        .upload(UploadSource.of(file), "F", "lost.bin", losingTheSessionMidway(() -> {}, sessions));

    assertThat(sessions).hasSize(2);
    assertStoredIntact("F/lost.bin");
  }

  @Test
  void accessTokenExpiringMidUpload_isRenewed() {
    fixture.fake.identity().accessTokenLifetime(Duration.ofMinutes(10));
    List<ResumableUpload> sessions = new ArrayList<>();

    uploads()
        .upload(
            UploadSource.of(file),
            "F",
            "token.bin",
            losingTheSessionMidway(() -> fixture.clock.advance(Duration.ofMinutes(15)), sessions));

    assertStoredIntact("F/token.bin");
    assertThat(sessions).hasSize(2);
    assertThat(fixture.fake.journal().count("POST", "/*/oauth2/v2.0/token"))
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void accessTokenRejectedMidUpload_isRefreshedOnceAndTheUploadGoesOn() {
    List<ResumableUpload> sessions = new ArrayList<>();
    Runnable revoke =
        () -> {
          String token = fixture.integration.accessToken().token().reveal();
          assertThat(fixture.fake.identity().revokeAccessToken(token)).isTrue();
        };

    uploads()
        .upload(
            UploadSource.of(file), "F", "revoked.bin", losingTheSessionMidway(revoke, sessions));

    assertStoredIntact("F/revoked.bin");
    assertThat(fixture.graphRequests())
        .anyMatch(r -> r.status() == 401 && r.path().endsWith("/createUploadSession"));
  }

  @Test
  void retryAfterLongerThanTheMaximum_raisesThrottledWithTheWaitAndKeepsTheSession() {
    fixture.close();
    fixture = new DriveFixture(DriveOptions.defaults(), Duration.ofSeconds(30));
    inject(fragmentsAfter(1).times(1).throttle(429, Duration.ofMinutes(5)));

    assertThatThrownBy(() -> uploads().upload(UploadSource.of(file), "F", "later.bin"))
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> {
              assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(5));
              assertThat(e.httpStatus()).isEqualTo(429);
              assertThat(e.getMessage())
                  .contains("failed at byte " + DriveOptions.DEFAULT_FRAGMENT_SIZE + " of " + SIZE);
            });
    assertThat(fixture.waits).isEmpty();
    assertThat(fixture.fake.drives().openUploadSessions()).isOne();
  }

  @Test
  void persistentFailure_givesUpAfterTheRetriesSayingWhereAndCancels() {
    inject(fragmentsAfter(1).error(500));

    assertThatThrownBy(() -> uploads().upload(UploadSource.of(file), "F", "broken.bin"))
        .isInstanceOfSatisfying(
            TransientNetworkException.class,
            e -> {
              assertThat(e.getMessage())
                  .contains(
                      "'F/broken.bin'",
                      "failed at byte " + DriveOptions.DEFAULT_FRAGMENT_SIZE + " of " + SIZE,
                      "5 attempts");
              assertThat(e.httpStatus()).isEqualTo(500);
              assertThat(e.requestId()).isNotBlank();
            });
    assertThat(fixture.waits).hasSize(4);
    assertThat(fixture.fake.drives().openUploadSessions()).isZero();
    assertThat(fixture.graphRequests())
        .anyMatch(r -> r.method().equals("DELETE") && r.path().startsWith("/graph-upload/"));
  }

  /** Cuts a file to {@code size} bytes, as another process writing it might. */
  private static void truncate(Path file, long size) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aFileThatShrinksMidUpload_failsAtOnceAsALocalReadAndCancelsTheSession() throws Exception {
    Path shrinking = Files.copy(file, dir.resolve("shrinking.bin"));
    AtomicBoolean truncated = new AtomicBoolean();
    UploadOptions options =
        UploadOptions.builder()
            .progressListener(
                (sent, total) -> {
                  if (sent > 0 && truncated.compareAndSet(false, true)) {
                    truncate(shrinking, sent + 1000);
                  }
                })
            .build();

    assertThatThrownBy(
            () -> uploads().upload(UploadSource.of(shrinking), "F", "shrinking.bin", options))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read the content for 'F/shrinking.bin'")
        .hasRootCauseMessage(
            "the file ended at byte "
                + (DriveOptions.DEFAULT_FRAGMENT_SIZE + 1000)
                + " while "
                + SIZE
                + " expected");
    assertThat(truncated).isTrue();
    // A local file that lost bytes is not the network's fault: no try is repeated.
    assertThat(fixture.waits).isEmpty();
    assertThat(fixture.fake.drives().find(fixture.driveId, "F/shrinking.bin")).isEmpty();
    assertThat(fixture.fake.drives().openUploadSessions()).isZero();
  }

  @Test
  void aSmallFileThatShrinksBetweenTries_failsAsALocalReadWithoutMoreTries() throws Exception {
    Path small = Content.randomFile(dir.resolve("small-shrinking.bin"), 100_000, 51);
    inject(FaultRule.on("PUT", "/v1.0/**").times(1).error(500));
    fixture.duringWaits.add(() -> truncate(small, 40_000));

    assertThatThrownBy(() -> uploads().upload(UploadSource.of(small), "F", "small.bin"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read the content for 'F/small.bin'")
        .hasRootCauseMessage("the file ended at byte 40000 while 100000 expected");
    assertThat(fixture.waits).hasSize(1);
    assertThat(fixture.fake.drives().find(fixture.driveId, "F/small.bin")).isEmpty();
  }

  /**
   * Starts an upload that the host process abandons (thread interrupt) once the server has {@code
   * stopAfter} bytes, and returns the session it kept.
   */
  private ResumableUpload interruptedUpload(String name, long stopAfter) {
    List<ResumableUpload> kept = new ArrayList<>();
    assertThatThrownBy(
            () ->
                uploads()
                    .upload(
                        UploadSource.of(file),
                        "F",
                        name,
                        UploadOptions.builder()
                            .sessionListener(kept::add)
                            .progressListener(
                                (sent, total) -> {
                                  if (sent >= stopAfter) {
                                    Thread.currentThread().interrupt();
                                  }
                                })
                            .build()))
        .isInstanceOf(OneDriveException.class)
        .hasMessageContaining("interrupted");
    assertThat(Thread.interrupted()).isTrue();
    assertThat(kept).hasSize(1);
    assertThat(fixture.fake.drives().openUploadSessions()).isOne();
    return kept.get(0);
  }

  @Test
  void processRestart_resumesFromTheSessionsNextExpectedRange() throws Exception {
    inject(fragmentsAfter(1).times(1).partialAccept(777_777, Duration.ofSeconds(1)));
    ResumableUpload kept = interruptedUpload("restart.bin", 15L * 1024 * 1024 + 1);
    long sentBefore = fragmentRanges().size();

    OneDrive restarted = fixture.restartedProcess(DriveOptions.defaults());
    DriveItem item =
        restarted
            .systemIntegration()
            .uploads()
            .resume(kept, UploadSource.of(file), UploadOptions.defaults());

    assertThat(item.size()).isEqualTo(SIZE);
    assertStoredIntact("F/restart.bin");
    List<long[]> ranges = fragmentRanges();
    long resumedAt = ranges.get((int) sentBefore)[0];
    assertThat(resumedAt % UNIT).isNotZero();
    assertThat(ranges.subList((int) sentBefore, ranges.size()))
        .allSatisfy(r -> assertThat(r[0]).isGreaterThanOrEqualTo(resumedAt));
  }

  @Test
  void resumeFromAStream_skipsWhatTheServerHas() throws Exception {
    ResumableUpload kept = interruptedUpload("stream.bin", 20L * 1024 * 1024);

    try (InputStream in = Files.newInputStream(file)) {
      fixture
          .integration
          .uploads()
          .resume(kept, UploadSource.of(in, SIZE), UploadOptions.defaults());
    }

    assertStoredIntact("F/stream.bin");
  }

  @Test
  void aSessionLostMidStream_endsInUploadSessionLostExceptionAndNothingStored() throws Exception {
    AtomicReference<@Nullable String> uploadUrl = new AtomicReference<>();
    AtomicBoolean expired = new AtomicBoolean();
    UploadOptions options =
        UploadOptions.builder()
            .sessionListener(upload -> uploadUrl.set(upload.uploadUrl().reveal()))
            .progressListener(
                (uploaded, total) -> {
                  if (uploaded > 0 && expired.compareAndSet(false, true)) {
                    fixture
                        .fake
                        .faults()
                        .expireUploadSession(Objects.requireNonNull(uploadUrl.get()));
                  }
                })
            .build();

    try (InputStream in = Files.newInputStream(file)) {
      assertThatThrownBy(
              () -> uploads().upload(UploadSource.of(in, SIZE), "F", "lost.bin", options))
          .isExactlyInstanceOf(UploadSessionLostException.class)
          .hasMessageContaining("upload of 'F/lost.bin' failed at byte")
          .hasMessageContaining("cannot be read again; upload again with a file or bytes");
    }
    assertThat(expired).isTrue();
    assertThat(fixture.fake.drives().find(fixture.driveId, "F/lost.bin")).isEmpty();
  }

  @Test
  void resumingAnExpiredSession_startsOver() {
    ResumableUpload kept = interruptedUpload("expired.bin", 0);
    List<ResumableUpload> sessions = new ArrayList<>();
    fixture.clock.advance(Duration.ofHours(2));

    uploads()
        .resume(
            kept,
            UploadSource.of(file),
            UploadOptions.builder().sessionListener(sessions::add).build());

    assertThat(sessions).hasSize(1);
    assertThat(sessions.get(0).uploadUrl()).isNotEqualTo(kept.uploadUrl());
    assertStoredIntact("F/expired.bin");
  }

  @Test
  void cancel_deletesAKeptSession() {
    ResumableUpload kept = interruptedUpload("cancelled.bin", 0);
    assertThat(kept.toString()).doesNotContain(kept.uploadUrl().reveal());

    uploads().cancel(kept);

    assertThat(fixture.fake.drives().openUploadSessions()).isZero();
  }
}
