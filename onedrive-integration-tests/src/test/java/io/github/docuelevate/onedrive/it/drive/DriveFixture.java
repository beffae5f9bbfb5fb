package io.github.docuelevate.onedrive.it.drive;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.AuthorizationStart;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.it.FakeBrowser;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.WatchStateStore;
import io.github.docuelevate.onedrive.testkit.FakeClock;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import io.github.docuelevate.onedrive.testkit.RecordedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake Microsoft with an app-only integration on a work user's drive. Retry waits move the fake
 * clock instead of sleeping, and are recorded.
 */
final class DriveFixture implements AutoCloseable {
  static final FakeUser USER = FakeMicrosoft.DEFAULT_WORK_USER;

  final FakeClock clock = FakeClock.create();
  final List<Duration> waits = new CopyOnWriteArrayList<>();

  /** Run at every retry wait, after it is recorded: a test changes the world between tries. */
  final List<Runnable> duringWaits = new CopyOnWriteArrayList<>();

  final FakeMicrosoft fake;
  final TokenStore store;
  final OneDrive oneDrive;
  final OneDriveIntegration integration;
  final String driveId;

  DriveFixture() {
    this(DriveOptions.defaults());
  }

  DriveFixture(DriveOptions options) {
    this(options, Duration.ofSeconds(60));
  }

  DriveFixture(DriveOptions options, Duration maxRetryAfter) {
    this.fake = FakeMicrosoft.builder().clock(clock).start();
    this.store = TokenStore.inMemory();
    this.oneDrive =
        oneDrive(fake, clock, store, options, maxRetryAfter, waits, duringWaits).build();
    this.integration = oneDrive.systemIntegration();
    this.driveId = fake.drives().userDrive(USER.objectId());
  }

  /** Another process on the same store and fake: a restarted worker. */
  OneDrive restartedProcess(DriveOptions options) {
    return oneDrive(fake, clock, store, options, Duration.ofSeconds(60), waits, duringWaits)
        .build();
  }

  /** Another process on the same token store and fake that keeps watch states in {@code states}. */
  OneDrive processWithWatchStates(WatchStateStore states) {
    return oneDrive(
            fake, clock, store, DriveOptions.defaults(), Duration.ofSeconds(60), waits, duringWaits)
        .watchStateStore(states)
        .build();
  }

  static OneDriveConfig config(FakeMicrosoft fake) {
    return config(fake.baseUrl());
  }

  /** The app-only configuration for a fake at {@code baseUrl} (also used by forked JVMs). */
  static OneDriveConfig config(String baseUrl) {
    return OneDriveConfig.builder()
        .clientId(FakeMicrosoft.DEFAULT_APP.clientId())
        .clientSecret(FakeMicrosoft.DEFAULT_CLIENT_SECRET)
        .tenant(USER.tenantId())
        .accountType(AccountType.APP_ONLY)
        .driveTarget(new DriveTarget.User(USER.userPrincipalName()))
        .graphEndpoint(URI.create(baseUrl))
        .build();
  }

  private static OneDrive.Builder oneDrive(
      FakeMicrosoft fake,
      FakeClock clock,
      TokenStore store,
      DriveOptions options,
      Duration maxRetryAfter,
      List<Duration> waits,
      List<Runnable> duringWaits) {
    return OneDrive.builder(config(fake))
        .tokenStore(store)
        .clock(clock)
        .transport(TransportOptions.builder().identityHttpClient(fake.msalHttpClient()).build())
        .retryPolicy(
            new RetryPolicy(
                5,
                Duration.ofSeconds(1),
                Duration.ofSeconds(8),
                maxRetryAfter,
                wait -> {
                  waits.add(wait);
                  clock.advance(wait);
                  duringWaits.forEach(Runnable::run);
                }))
        .driveOptions(options);
  }

  /**
   * Authorizes the default personal Microsoft account on a second {@link OneDrive} (tenant {@code
   * consumers}, own in-memory store) through the browser flow, and returns it.
   */
  OneDrive personalAccount() {
    fake.identity().signInAs(FakeMicrosoft.DEFAULT_PERSONAL_USER);
    OneDrive personal =
        OneDrive.builder(fake.oneDriveConfig().tenant("consumers").build())
            .tokenStore(TokenStore.inMemory())
            .clock(clock)
            .transport(fake.transportOptions())
            .build();
    personal.systemIntegration();
    AuthorizationStart start =
        personal
            .authorizationFlow()
            .begin(
                AuthorizationRequest.of(
                    OneDrive.SYSTEM_INTEGRATION, URI.create(FakeMicrosoft.DEFAULT_REDIRECT_URI)));
    Map<String, String> callback = new FakeBrowser(fake).authorize(start.authorizationUrl());
    personal.authorizationFlow().complete(OneDrive.SYSTEM_INTEGRATION.owner(), callback);
    return personal;
  }

  /** Returns the Graph requests (not the identity platform's) the fake received. */
  List<RecordedRequest> graphRequests() {
    return fake.journal().requests().stream().filter(r -> !r.path().contains("/oauth2/")).toList();
  }

  @Override
  public void close() {
    fake.close();
  }
}
