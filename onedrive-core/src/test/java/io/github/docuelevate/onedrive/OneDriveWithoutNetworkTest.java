package io.github.docuelevate.onedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.spi.PendingAuthorization;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the library does before it talks to Microsoft. The identity transport is a tripwire that
 * fails the test if any request is attempted.
 */
class OneDriveWithoutNetworkTest {
  private static final String SYSTEM_SECRET = "system-secret-value-789";
  private static final URI REDIRECT = URI.create("https://app.example.com/onedrive/callback");

  private final AtomicInteger requests = new AtomicInteger();
  private final TokenStore store = TokenStore.inMemory();
  private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
  private final OneDrive oneDrive =
      OneDrive.builder(
              OneDriveConfig.builder()
                  .clientId("system-app")
                  .clientSecret(SYSTEM_SECRET)
                  .tenant("contoso.onmicrosoft.com")
                  .build())
          .tokenStore(store)
          .clock(clock)
          .transport(
              TransportOptions.builder()
                  .identityHttpClient(
                      request -> {
                        requests.incrementAndGet();
                        throw new AssertionError("no request expected: " + request.url());
                      })
                  .build())
          .build();
  private final IntegrationKey alices = new IntegrationKey("alice", "work");

  @Test
  void begin_storesOnlyTheStateHashAndTheVerifierAndBuildsTheUrl() {
    oneDrive.createIntegration(NewIntegration.builder(alices, AccountType.WORK_OR_SCHOOL).build());

    AuthorizationStart start =
        oneDrive.authorizationFlow().begin(AuthorizationRequest.of(alices, REDIRECT));

    String query = start.authorizationUrl().getRawQuery();
    String state = query.replaceAll(".*[?&]?state=([^&]*).*", "$1");
    PendingAuthorization pending =
        java.util.Objects.requireNonNull(store.read(alices).orElseThrow().pendingAuthorization());
    assertThat(pending.stateHash()).isNotEqualTo(state).doesNotContain(state);
    assertThat(query).doesNotContain(pending.codeVerifier().reveal());
    assertThat(pending.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    assertThat(pending.redirectUri()).isEqualTo(REDIRECT.toString());
    assertThat(start.reauthorization()).isFalse();
    assertThat(start.authorizationUrl().toString())
        .startsWith(
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?")
        .doesNotContain(SYSTEM_SECRET);
    assertThat(requests).hasValue(0);
  }

  @Test
  void begin_refusesAppOnlyAndUnknownIntegrations() {
    IntegrationKey appOnly = new IntegrationKey("ops", "archive");
    oneDrive.createIntegration(
        NewIntegration.builder(appOnly, AccountType.APP_ONLY)
            .driveTarget(new DriveTarget.Drive("b!x"))
            .build());

    assertThatThrownBy(
            () -> oneDrive.authorizationFlow().begin(AuthorizationRequest.of(appOnly, REDIRECT)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("app-only");
    assertThatThrownBy(
            () ->
                oneDrive
                    .authorizationFlow()
                    .begin(AuthorizationRequest.of(new IntegrationKey("nobody", "x"), REDIRECT)))
        .isInstanceOf(IntegrationNotFoundException.class);
    assertThat(oneDrive.integration(appOnly).info().status())
        .isEqualTo(IntegrationStatus.CONNECTED);
  }

  @Test
  void drivePath_keepsTheAtSignAndEncodesWhatASegmentCannotHold() {
    IntegrationKey mailbox = new IntegrationKey("ops", "mailbox");
    IntegrationKey site = new IntegrationKey("ops", "site");
    oneDrive.createIntegration(
        NewIntegration.builder(mailbox, AccountType.APP_ONLY)
            .driveTarget(new DriveTarget.User("a b@contoso.com"))
            .build());
    oneDrive.createIntegration(
        NewIntegration.builder(site, AccountType.APP_ONLY)
            .driveTarget(new DriveTarget.Site("contoso.sharepoint.com,1,2"))
            .build());

    assertThat(oneDrive.integration(mailbox).drivePath())
        .isEqualTo("/users/a%20b@contoso.com/drive");
    assertThat(oneDrive.integration(site).drivePath())
        .isEqualTo("/sites/contoso.sharepoint.com,1,2/drive");
    assertThat(requests).hasValue(0);
  }

  @Test
  void begin_onTheSystemIntegration_createsItsRecordFromTheConfigurationFirst() {
    assertThat(store.read(OneDrive.SYSTEM_INTEGRATION)).isEmpty();

    AuthorizationStart start =
        oneDrive
            .authorizationFlow()
            .begin(AuthorizationRequest.of(OneDrive.SYSTEM_INTEGRATION, REDIRECT));

    StoredIntegration record = store.read(OneDrive.SYSTEM_INTEGRATION).orElseThrow();
    assertThat(record.pendingAuthorization()).isNotNull();
    assertThat(record.status()).isEqualTo(IntegrationStatus.PENDING_AUTHORIZATION);
    assertThat(start.reauthorization()).isFalse();
    assertThat(requests).hasValue(0);
  }

  @Test
  void authorizationRequest_refusesPlainHttpOutsideLoopback() {
    assertThatThrownBy(
            () -> AuthorizationRequest.of(alices, URI.create("http://app.example.com/callback")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            AuthorizationRequest.of(alices, URI.create("http://localhost:8400/cb")).redirectUri())
        .hasHost("localhost");
  }

  @Test
  void complete_refusesAnotherUsersStateWithoutARequest() {
    oneDrive.createIntegration(NewIntegration.builder(alices, AccountType.WORK_OR_SCHOOL).build());
    AuthorizationStart start =
        oneDrive.authorizationFlow().begin(AuthorizationRequest.of(alices, REDIRECT));
    String state = start.authorizationUrl().getRawQuery().replaceAll(".*state=([^&]*).*", "$1");

    assertThatThrownBy(
            () ->
                oneDrive
                    .authorizationFlow()
                    .complete("mallory", Map.of("state", state, "code", "stolen-code-value")))
        .isInstanceOf(InvalidStateException.class)
        .hasMessageNotContaining("stolen-code-value");
    assertThat(store.read(alices).orElseThrow().pendingAuthorization()).isNotNull();
    assertThat(requests).hasValue(0);
  }

  @Test
  void createIntegration_listsEveryProblemAndStoresNothing() {
    IntegrationKey key = new IntegrationKey("bob", "bad");

    assertThatThrownBy(
            () ->
                oneDrive.createIntegration(
                    NewIntegration.builder(key, AccountType.APP_ONLY)
                        .tenant("common")
                        .folderPath("bad|name")
                        .build()))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.problems()).hasSize(3));
    assertThat(store.read(key)).isEmpty();
  }

  @Test
  void createIntegration_keepsOwnSecretButNeverTheSystemOne() {
    IntegrationKey own = new IntegrationKey("bob", "own");
    IntegrationKey shared = new IntegrationKey("bob", "shared");
    oneDrive.createIntegration(
        NewIntegration.builder(own, AccountType.WORK_OR_SCHOOL)
            .ownApp("bobs-app", Secret.of("bobs-own-secret"))
            .build());
    oneDrive.createIntegration(NewIntegration.builder(shared, AccountType.WORK_OR_SCHOOL).build());

    StoredIntegration ownRecord = store.read(own).orElseThrow();
    StoredIntegration sharedRecord = store.read(shared).orElseThrow();
    assertThat(ownRecord.clientSecret()).isEqualTo(Secret.of("bobs-own-secret"));
    assertThat(sharedRecord.clientId()).isNull();
    assertThat(sharedRecord.secrets()).isEmpty();
    assertThatThrownBy(
            () ->
                oneDrive.createIntegration(
                    NewIntegration.builder(shared, AccountType.WORK_OR_SCHOOL).build()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void accessToken_ofUnauthorizedIntegrationAsksForAuthorizationWithoutARequest() {
    oneDrive.createIntegration(NewIntegration.builder(alices, AccountType.WORK_OR_SCHOOL).build());

    assertThatThrownBy(() -> oneDrive.integration(alices).accessToken())
        .isInstanceOfSatisfying(
            ReauthorizationRequiredException.class,
            e -> assertThat(e.integration()).isEqualTo(alices));
    assertThat(requests).hasValue(0);
  }

  @Test
  void systemIntegration_seedsFromConfigButNeverReplacesAConnectedStoredToken() {
    OneDriveConfig withToken =
        oneDrive.config().toBuilder().refreshToken(Secret.of("configured-token")).build();
    OneDrive node = OneDrive.builder(withToken).tokenStore(store).clock(clock).build();

    node.systemIntegration();
    StoredIntegration seeded = store.read(OneDrive.SYSTEM_INTEGRATION).orElseThrow();
    assertThat(seeded.refreshToken()).isEqualTo(Secret.of("configured-token"));
    assertThat(seeded.status()).isEqualTo(IntegrationStatus.CONNECTED);
    assertThat(seeded.clientSecret()).isNull();

    store.compareAndSet(
        seeded.version(),
        seeded.nextVersion(clock.instant()).refreshToken(Secret.of("rotated-token")).build());
    node.systemIntegration();
    assertThat(store.read(OneDrive.SYSTEM_INTEGRATION).orElseThrow().refreshToken())
        .isEqualTo(Secret.of("rotated-token"));
  }
}
