package io.github.docuelevate.onedrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.AuthorizationStart;
import io.github.docuelevate.onedrive.FolderWatchException;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.ReauthorizationRequiredException;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.ResumableUpload;
import io.github.docuelevate.onedrive.drive.UploadOptions;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.event.OneDriveEvent;
import io.github.docuelevate.onedrive.event.OneDriveEvent.AccessTokenRefreshed;
import io.github.docuelevate.onedrive.event.OneDriveEvent.DownloadCompleted;
import io.github.docuelevate.onedrive.event.OneDriveEvent.DownloadProgress;
import io.github.docuelevate.onedrive.event.OneDriveEvent.ReauthorizationRequired;
import io.github.docuelevate.onedrive.event.OneDriveEvent.RefreshTokenRotated;
import io.github.docuelevate.onedrive.event.OneDriveEvent.RequestFailed;
import io.github.docuelevate.onedrive.event.OneDriveEvent.RequestRetried;
import io.github.docuelevate.onedrive.event.OneDriveEvent.RequestThrottled;
import io.github.docuelevate.onedrive.event.OneDriveEvent.UploadCompleted;
import io.github.docuelevate.onedrive.event.OneDriveEvent.UploadProgress;
import io.github.docuelevate.onedrive.event.OneDriveEvent.WatchDelivered;
import io.github.docuelevate.onedrive.event.OneDriveEvent.WatchFailed;
import io.github.docuelevate.onedrive.event.OneDriveEventListener;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The events a listener hears, against the fake: which ones, in which order, how many; that a
 * listener that throws breaks nothing; and that neither the events nor the retry log lines carry a
 * token or a pre-authenticated URL.
 */
class EventsEndToEndTest extends FakeMicrosoftTestBase {
  private static final FakeUser ALICE = FakeMicrosoft.DEFAULT_PERSONAL_USER;
  private static final IntegrationKey KEY = new IntegrationKey("alice", "personal");
  private static final int UNIT = DriveOptions.FRAGMENT_UNIT;
  private static final String UPLOADS = "/graph-upload/**";
  private static final String DOWNLOADS = "/graph-download/**";
  private static final String EVENT_LOGGER = OneDriveEvent.class.getName();

  /** Every event of the test, from every node. */
  private final List<OneDriveEvent> events = new CopyOnWriteArrayList<>();

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final List<Secret> accessTokens = new ArrayList<>();
  private OneDriveIntegration integration;
  private String driveId;

  @BeforeEach
  void authorizeAlice() {
    fake.identity().signInAs(ALICE);
    OneDrive oneDrive = oneDrive(events::add);
    oneDrive.createIntegration(
        NewIntegration.builder(KEY, AccountType.PERSONAL).folderPath("Docs").build());
    AuthorizationStart start =
        oneDrive.authorizationFlow().begin(AuthorizationRequest.of(KEY, REDIRECT));
    integration =
        oneDrive
            .authorizationFlow()
            .complete(KEY.owner(), browser.authorize(start.authorizationUrl()));
    driveId = fake.drives().userDrive(ALICE.objectId());
    events.clear();
  }

  /**
   * Whatever the test did: no event's text holds a token, code or secret the fake issued or
   * received, nor a refresh token the store held, nor an access token the test obtained.
   */
  @AfterEach
  void eventsCarryNoSecret() {
    List<String> secrets = new ArrayList<>(LeakWatch.secrets());
    shared
        .read(KEY)
        .map(record -> record.refreshToken())
        .filter(Objects::nonNull)
        .ifPresent(token -> secrets.add(token.reveal()));
    accessTokens.forEach(token -> secrets.add(token.reveal()));
    assertThat(secrets).contains(FakeMicrosoft.DEFAULT_CLIENT_SECRET);
    for (OneDriveEvent event : events) {
      String text = event.toString();
      assertThat(secrets).noneMatch(text::contains);
    }
  }

  private OneDrive oneDrive(OneDriveEventListener... listeners) {
    OneDrive.Builder builder =
        OneDrive.builder(fake.oneDriveConfig().tenant("consumers").build())
            .tokenStore(shared)
            .clock(clock)
            // Counts nothing here: it hands the tokens in the fake's answers to the leak scan.
            .transport(
                TransportOptions.builder()
                    .identityHttpClient(new CountingHttpClient(fake.msalHttpClient()))
                    .build())
            .retryPolicy(
                new RetryPolicy(
                    3,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(4),
                    Duration.ofSeconds(30),
                    wait -> {
                      waits.add(wait);
                      clock.advance(wait);
                    }))
            .driveOptions(
                DriveOptions.builder().simpleUploadLimit(UNIT).fragmentSize(UNIT).build());
    for (OneDriveEventListener listener : listeners) {
      builder.eventListener(listener);
    }
    return builder.build();
  }

  private AccessToken accessToken() {
    AccessToken token = integration.accessToken();
    accessTokens.add(token.token());
    return token;
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private <T extends OneDriveEvent> List<T> eventsOf(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Returns what the library's own loggers wrote while {@code action} ran. */
  private static String libraryLog(Runnable action) {
    int from = LeakWatch.output().length();
    action.run();
    return String.join(
        "\n",
        LeakWatch.output()
            .substring(from)
            .lines()
            .filter(line -> line.contains(" io.github.docuelevate.onedrive."))
            .filter(line -> !line.contains(" io.github.docuelevate.onedrive.testkit"))
            .toList());
  }

  @Test
  void refresh_reportsTheRotationThenTheNewAccessToken() {
    clock.advance(Duration.ofHours(2));

    AccessToken token = accessToken();

    assertThat(events)
        .containsExactly(
            new RefreshTokenRotated(KEY), new AccessTokenRefreshed(KEY, token.expiresAt()));
  }

  @Test
  void refreshWithoutANewRefreshToken_reportsNoRotation() {
    fake.identity().omitRefreshTokenOnRefresh(true);
    clock.advance(Duration.ofHours(2));

    AccessToken token = accessToken();

    assertThat(events).containsExactly(new AccessTokenRefreshed(KEY, token.expiresAt()));
  }

  @Test
  void revokedRefreshToken_reportsReauthorizationRequiredAtEachTry() {
    fake.identity().revokeRefreshTokens(ALICE);
    clock.advance(Duration.ofHours(2));

    LeakWatch.thrown(integration::accessToken);
    LeakWatch.thrown(integration::accessToken);

    assertThat(events).hasSize(2).allMatch(ReauthorizationRequired.class::isInstance);
    assertThat(eventsOf(ReauthorizationRequired.class))
        .extracting(ReauthorizationRequired::reason)
        .satisfiesExactly(
            first -> assertThat(first).contains("alice/personal").contains("invalid_grant"),
            second -> assertThat(second).contains("refused its refresh token earlier"));
  }

  @Test
  void throttledAndFailedTokenRequests_areReportedBeforeEachWaitThenTheRefresh() {
    clock.advance(Duration.ofHours(2));
    fake.faults().add(FaultRule.onTokenEndpoint().times(1).throttle(429, Duration.ofSeconds(7)));
    fake.faults().add(FaultRule.onTokenEndpoint().times(1).error(500));

    AccessToken token = accessToken();

    String operation = "the token refresh of alice/personal";
    assertThat(waits).hasSize(2);
    assertThat(events).hasSize(4);
    assertThat(events.get(0))
        .isEqualTo(new RequestThrottled(KEY, operation, 1, 429, Duration.ofSeconds(7)));
    assertThat(events.get(1))
        .isInstanceOfSatisfying(
            RequestRetried.class,
            retried -> {
              assertThat(retried.operation()).isEqualTo(operation);
              assertThat(retried.attempt()).isEqualTo(2);
              assertThat(retried.reason()).startsWith("HTTP 500");
              assertThat(retried.delay()).isEqualTo(waits.get(1));
            });
    assertThat(events.subList(2, 4))
        .containsExactly(
            new RefreshTokenRotated(KEY), new AccessTokenRefreshed(KEY, token.expiresAt()));
  }

  @Test
  void smallUpload_reportsOneProgressThenTheCompletion() {
    byte[] bytes = "ten bytes!".getBytes(StandardCharsets.UTF_8);

    DriveItem item = integration.uploads().upload(UploadSource.of(bytes), "Docs", "small.txt");

    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isEqualTo(new UploadProgress(KEY, "Docs/small.txt", 10, 10));
    assertThat(events.get(1))
        .isInstanceOfSatisfying(
            UploadCompleted.class,
            done -> {
              assertThat(done.path()).isEqualTo("Docs/small.txt");
              assertThat(done.itemId()).isEqualTo(item.id());
              assertThat(done.bytes()).isEqualTo(10);
              assertThat(done.duration()).isGreaterThanOrEqualTo(Duration.ZERO);
            });
  }

  @Test
  void largeUpload_reportsEachFragmentThenTheCompletion() {
    int size = 3 * UNIT + 100;

    DriveItem item =
        integration.uploads().upload(UploadSource.of(randomBytes(size, 7)), "Docs", "large.bin");

    assertThat(eventsOf(UploadProgress.class))
        .containsExactly(
            new UploadProgress(KEY, "Docs/large.bin", UNIT, size),
            new UploadProgress(KEY, "Docs/large.bin", 2L * UNIT, size),
            new UploadProgress(KEY, "Docs/large.bin", 3L * UNIT, size),
            new UploadProgress(KEY, "Docs/large.bin", size, size));
    assertThat(events.get(events.size() - 1))
        .isInstanceOfSatisfying(
            UploadCompleted.class,
            done -> {
              assertThat(done.itemId()).isEqualTo(item.id());
              assertThat(done.bytes()).isEqualTo(size);
            });
    assertThat(eventsOf(UploadCompleted.class)).hasSize(1);
  }

  @Test
  void download_reportsEachMebibyteOnceThenTheCompletion() {
    int size = 5 * 1024 * 1024 / 2;
    String id = fake.drives().putFile(driveId, "Docs/big.bin", randomBytes(size, 3)).id();

    integration.downloads().download("Docs/big.bin", new ByteArrayOutputStream());

    List<DownloadProgress> progress = eventsOf(DownloadProgress.class);
    assertThat(progress).hasSize(3).allMatch(p -> p.itemId().equals(id) && p.totalBytes() == size);
    assertThat(progress.get(0).bytesTransferred()).isBetween(1L << 20, (1L << 20) + 65536);
    assertThat(progress.get(2).bytesTransferred()).isEqualTo(size);
    assertThat(events.get(events.size() - 1))
        .isInstanceOfSatisfying(
            DownloadCompleted.class,
            done -> {
              assertThat(done.itemId()).isEqualTo(id);
              assertThat(done.bytes()).isEqualTo(size);
            });
  }

  @Test
  void smallDownload_reportsOneProgressThenTheCompletion() {
    String id =
        fake.drives()
            .putFile(driveId, "Docs/note.txt", "a note".getBytes(StandardCharsets.UTF_8))
            .id();

    integration.downloads().download("Docs/note.txt", new ByteArrayOutputStream());

    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isEqualTo(new DownloadProgress(KEY, id, 6, 6));
    assertThat(events.get(1)).isInstanceOf(DownloadCompleted.class);
  }

  @Test
  void retriesThrottlingAndGiveUps_areLoggedWithoutPreAuthenticatedUrls() {
    fake.drives().putFile(driveId, "Docs/report.pdf", randomBytes(2 * UNIT, 5));
    fake.faults().add(FaultRule.on("PUT", UPLOADS).skipFirst(1).times(1).resetBeforeResponse());
    fake.faults()
        .add(
            FaultRule.on("PUT", UPLOADS)
                .skipFirst(2)
                .times(1)
                .throttle(429, Duration.ofSeconds(3)));
    AtomicReference<ResumableUpload> session = new AtomicReference<>();
    UploadOptions options = UploadOptions.builder().sessionListener(session::set).build();

    String log =
        libraryLog(
            () -> {
              integration
                  .uploads()
                  .upload(UploadSource.of(randomBytes(3 * UNIT, 9)), "Docs", "scan.bin", options);
              fake.faults().add(FaultRule.on("GET", DOWNLOADS).times(3).error(503));
              LeakWatch.thrown(
                  () ->
                      integration
                          .downloads()
                          .download("Docs/report.pdf", new ByteArrayOutputStream()));
            });

    assertThat(eventsOf(RequestRetried.class))
        .extracting(RequestRetried::operation)
        .containsExactly(
            "upload of 'Docs/scan.bin'",
            "download of 'Docs/report.pdf'",
            "download of 'Docs/report.pdf'");
    assertThat(eventsOf(RequestRetried.class).get(0))
        .satisfies(
            reset -> {
              assertThat(reset.status()).isZero();
              assertThat(reset.reason()).startsWith("IOException: ");
            });
    assertThat(eventsOf(RequestThrottled.class))
        .containsExactly(
            new RequestThrottled(KEY, "upload of 'Docs/scan.bin'", 1, 429, Duration.ofSeconds(3)));
    assertThat(eventsOf(RequestFailed.class))
        .containsExactly(
            new RequestFailed(
                KEY, "download of 'Docs/report.pdf'", 3, 503, "HTTP 503 (serviceNotAvailable)"));
    assertThat(log)
        .contains(
            "INFO "
                + EVENT_LOGGER
                + " - Integration alice/personal: upload of 'Docs/scan.bin' was throttled (HTTP"
                + " 429) at try 1; trying again in 3000 ms")
        .contains(
            "WARN "
                + EVENT_LOGGER
                + " - Integration alice/personal: download of 'Docs/report.pdf' failed (HTTP 503")
        .contains("giving up");
    String uploadUrl =
        Objects.requireNonNull(session.get(), "no upload session").uploadUrl().reveal();
    assertThat(log)
        .doesNotContain(uploadUrl.substring(uploadUrl.indexOf("/graph-upload/")))
        .doesNotContain("/graph-upload/")
        .doesNotContain("/graph-download/");
  }

  @Test
  void watch_reportsEachDeliveryAndTheFailedFile() {
    String a = fake.drives().putFile(driveId, "Docs/Inbox/a.pdf", new byte[] {1}).id();
    String b = fake.drives().putFile(driveId, "Docs/Inbox/b.pdf", new byte[] {2}).id();
    FolderWatch watch = integration.watchFolder(WatchOptions.builder("Docs/Inbox").build());

    watch.poll(file -> Disposition.KEEP);
    String c = fake.drives().putFile(driveId, "Docs/Inbox/c.pdf", new byte[] {3}).id();
    Throwable thrown =
        LeakWatch.thrown(
            () ->
                watch.poll(
                    file -> {
                      throw new IllegalStateException("cannot parse " + file.name());
                    }));

    assertThat(thrown).isInstanceOf(FolderWatchException.class);
    assertThat(eventsOf(WatchDelivered.class))
        .containsExactlyInAnyOrder(
            new WatchDelivered(KEY, a, "a.pdf", Disposition.KEEP),
            new WatchDelivered(KEY, b, "b.pdf", Disposition.KEEP));
    assertThat(eventsOf(WatchFailed.class))
        .containsExactly(
            new WatchFailed(KEY, c, "c.pdf", "IllegalStateException", "cannot parse c.pdf"));
  }

  @Test
  void watchWhoseTokenIsRevoked_reportsAFailedPollWithoutAFile() {
    FolderWatch watch = integration.watchFolder(WatchOptions.builder("Docs").build());
    fake.identity().revokeRefreshTokens(ALICE);
    clock.advance(Duration.ofHours(2));

    Throwable thrown = LeakWatch.thrown(() -> watch.poll(file -> Disposition.KEEP));

    assertThat(thrown).isInstanceOf(ReauthorizationRequiredException.class);
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOf(ReauthorizationRequired.class);
    assertThat(events.get(1))
        .isEqualTo(
            new WatchFailed(
                KEY,
                null,
                null,
                "ReauthorizationRequiredException",
                String.valueOf(thrown.getMessage())));
  }

  @Test
  void aListenerThatThrows_breaksNoOperationAndIsLoggedOncePerEventType() {
    List<OneDriveEvent> heard = new CopyOnWriteArrayList<>();
    OneDrive oneDrive =
        oneDrive(
            event -> {
              throw new IllegalStateException("listener bug");
            },
            heard::add);
    OneDriveIntegration same = oneDrive.integration(KEY);
    byte[] bytes = "twice".getBytes(StandardCharsets.UTF_8);

    String log =
        libraryLog(
            () -> {
              same.uploads().upload(UploadSource.of(bytes), "Docs", "one.txt");
              same.uploads().upload(UploadSource.of(bytes), "Docs", "two.txt");
            });

    assertThat(fake.drives().find(driveId, "Docs/two.txt")).isPresent();
    assertThat(heard)
        .filteredOn(e -> !(e instanceof AccessTokenRefreshed || e instanceof RefreshTokenRotated))
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("UploadProgress", "UploadCompleted", "UploadProgress", "UploadCompleted");
    List<String> warnings =
        log.lines().filter(line -> line.contains("WARN " + EVENT_LOGGER)).toList();
    assertThat(warnings)
        .filteredOn(line -> line.contains("on UploadProgress;"))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("Event listener #1")
                    .contains("java.lang.IllegalStateException")
                    .doesNotContain("listener bug"));
    assertThat(warnings).filteredOn(line -> line.contains("on UploadCompleted;")).hasSize(1);
    events.addAll(heard);
  }

  @Test
  void eventsOfARefresh_holdNeitherTheOldNorTheNewTokens() {
    Secret before = storedRefreshToken(KEY);
    clock.advance(Duration.ofHours(2));

    AccessToken token = accessToken();

    Secret after = storedRefreshToken(KEY);
    assertThat(after).isNotEqualTo(before);
    assertThat(events).hasSize(2);
    for (OneDriveEvent event : events) {
      assertThat(event.toString())
          .contains("alice/personal")
          .doesNotContain(before.reveal())
          .doesNotContain(after.reveal())
          .doesNotContain(token.token().reveal());
    }
    assertThat(LeakWatch.secrets())
        .contains(before.reveal(), after.reveal(), token.token().reveal());
  }
}
