package io.github.docuelevate.onedrive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.DeviceCodeOutcome;
import io.github.docuelevate.onedrive.DeviceCodePrompt;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OperationInterruptedException;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The device-code sign-in against the fake's device authorization grant: approved, declined,
 * expired and still pending each end with their own outcome; an approval stores the refresh token.
 */
class DeviceCodeEndToEndTest {
  private static final FakeUser USER = FakeMicrosoft.DEFAULT_PERSONAL_USER;

  private final FakeMicrosoft fake = FakeMicrosoft.builder().start();
  private final TokenStore store = TokenStore.inMemory();
  private final List<DeviceCodePrompt> prompts = new ArrayList<>();

  @AfterEach
  void close() {
    fake.close();
  }

  private OneDrive publicClient() {
    fake.identity().deviceCodeInterval(Duration.ZERO);
    OneDriveConfig config =
        OneDriveConfig.builder()
            .clientId(FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId())
            .tenant("consumers")
            .graphEndpoint(URI.create(fake.baseUrl()))
            .build();
    return OneDrive.builder(config).tokenStore(store).transport(fake.transportOptions()).build();
  }

  private long deviceCodeRequests() {
    return fake.journal().count("POST", "/*/oauth2/v2.0/devicecode");
  }

  @Test
  void approved_storesTheRefreshTokenAndConnectsTheIntegration() {
    fake.identity().approveDeviceCodesAs(USER);
    OneDrive oneDrive = publicClient();

    DeviceCodeOutcome outcome =
        oneDrive
            .deviceCodeFlow()
            .signIn(OneDrive.SYSTEM_INTEGRATION, prompts::add, Duration.ofSeconds(30));

    assertThat(outcome).isInstanceOf(DeviceCodeOutcome.SignedIn.class);
    assertThat(prompts).hasSize(1);
    assertThat(prompts.get(0).userCode()).isNotBlank();
    assertThat(prompts.get(0).message()).contains(prompts.get(0).userCode());
    StoredIntegration record = store.read(OneDrive.SYSTEM_INTEGRATION).orElseThrow();
    assertThat(record.status()).isEqualTo(IntegrationStatus.CONNECTED);
    assertThat(record.refreshToken()).isNotNull();
    assertThat(record.username()).isEqualTo(USER.userPrincipalName());
    DeviceCodeOutcome.SignedIn signedIn = (DeviceCodeOutcome.SignedIn) outcome;
    assertThat(signedIn.integration().folders().root().folder()).isTrue();
  }

  @Test
  void declined_endsDeclinedAndStoresNothing() {
    OneDrive oneDrive = publicClient();

    DeviceCodeOutcome outcome =
        oneDrive
            .deviceCodeFlow()
            .signIn(
                OneDrive.SYSTEM_INTEGRATION,
                prompt -> fake.identity().declineDeviceCode(prompt.userCode(), USER),
                Duration.ofSeconds(30));

    assertThat(outcome).isInstanceOf(DeviceCodeOutcome.Declined.class);
    assertThat(store.read(OneDrive.SYSTEM_INTEGRATION).orElseThrow().refreshToken()).isNull();
  }

  @Test
  void expired_endsExpired() {
    OneDrive oneDrive = publicClient();

    DeviceCodeOutcome outcome =
        oneDrive
            .deviceCodeFlow()
            .signIn(
                OneDrive.SYSTEM_INTEGRATION,
                prompt -> fake.identity().expireDeviceCode(prompt.userCode()),
                Duration.ofSeconds(30));

    assertThat(outcome).isInstanceOf(DeviceCodeOutcome.Expired.class);
    assertThat(store.read(OneDrive.SYSTEM_INTEGRATION).orElseThrow().status())
        .isNotEqualTo(IntegrationStatus.CONNECTED);
  }

  @Test
  void nobodyEntersTheCode_endsPendingWhenTheTimeoutPasses() {
    OneDrive oneDrive = publicClient();
    fake.identity().deviceCodeInterval(Duration.ofSeconds(1));

    DeviceCodeOutcome outcome =
        oneDrive
            .deviceCodeFlow()
            .signIn(OneDrive.SYSTEM_INTEGRATION, prompts::add, Duration.ofMillis(1500));

    assertThat(outcome).isInstanceOf(DeviceCodeOutcome.Pending.class);
    assertThat(((DeviceCodeOutcome.Pending) outcome).expiresAt())
        .isEqualTo(prompts.get(0).expiresAt());
  }

  /** Interrupts the signing-in thread once the code is shown; the flag must survive the throw. */
  private static void assertInterruptedWhileWaiting(OneDrive oneDrive) {
    try {
      assertThatThrownBy(
              () ->
                  oneDrive
                      .deviceCodeFlow()
                      .signIn(
                          OneDrive.SYSTEM_INTEGRATION,
                          prompt -> Thread.currentThread().interrupt(),
                          Duration.ofSeconds(30)))
          .isInstanceOf(OperationInterruptedException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void interruptedWhileWaiting_throwsOperationInterruptedAndKeepsTheFlag() {
    OneDrive oneDrive = publicClient();
    fake.identity().deviceCodeInterval(Duration.ofSeconds(1));

    assertInterruptedWhileWaiting(oneDrive);
    assertThat(store.read(OneDrive.SYSTEM_INTEGRATION).orElseThrow().refreshToken()).isNull();
  }

  @Test
  void confidentialClient_interruptedWhileWaiting_throwsOperationInterrupted() {
    try (FakeMicrosoft https = FakeMicrosoft.builder().https(true).start()) {
      https.identity().deviceCodeInterval(Duration.ofSeconds(1));
      OneDrive oneDrive = confidentialOver(https);

      assertInterruptedWhileWaiting(oneDrive);
    }
  }

  @Test
  void confidentialClient_signsInWithItsSecretOverTheJdkClient() {
    try (FakeMicrosoft https = FakeMicrosoft.builder().https(true).start()) {
      https.identity().deviceCodeInterval(Duration.ZERO).approveDeviceCodesAs(USER);
      OneDrive oneDrive = confidentialOver(https);

      DeviceCodeOutcome outcome =
          oneDrive
              .deviceCodeFlow()
              .signIn(OneDrive.SYSTEM_INTEGRATION, prompts::add, Duration.ofSeconds(30));

      assertThat(outcome).isInstanceOf(DeviceCodeOutcome.SignedIn.class);
      assertThat(prompts.get(0).verificationUri()).isNotNull();
      StoredIntegration record = store.read(OneDrive.SYSTEM_INTEGRATION).orElseThrow();
      assertThat(record.status()).isEqualTo(IntegrationStatus.CONNECTED);
      assertThat(record.refreshToken()).isNotNull();
      assertThat(record.username()).isEqualTo(USER.userPrincipalName());
      assertThat(record.homeAccountId()).endsWith("." + USER.tenantId());
      assertThat(((DeviceCodeOutcome.SignedIn) outcome).integration().folders().root().folder())
          .isTrue();
      assertThat(https.journal().count("POST", "/*/oauth2/v2.0/devicecode")).isEqualTo(1);
    }
  }

  @Test
  void confidentialClient_declinedAndExpiredEndTyped() {
    try (FakeMicrosoft https = FakeMicrosoft.builder().https(true).start()) {
      https.identity().deviceCodeInterval(Duration.ZERO);
      OneDrive oneDrive = confidentialOver(https);

      DeviceCodeOutcome declined =
          oneDrive
              .deviceCodeFlow()
              .signIn(
                  OneDrive.SYSTEM_INTEGRATION,
                  prompt -> https.identity().declineDeviceCode(prompt.userCode(), USER),
                  Duration.ofSeconds(30));
      DeviceCodeOutcome expired =
          oneDrive
              .deviceCodeFlow()
              .signIn(
                  OneDrive.SYSTEM_INTEGRATION,
                  prompt -> https.identity().expireDeviceCode(prompt.userCode()),
                  Duration.ofSeconds(30));

      assertThat(declined).isInstanceOf(DeviceCodeOutcome.Declined.class);
      assertThat(((DeviceCodeOutcome.Declined) declined).description()).isNotBlank();
      assertThat(expired).isInstanceOf(DeviceCodeOutcome.Expired.class);
      assertThat(store.read(OneDrive.SYSTEM_INTEGRATION).orElseThrow().refreshToken()).isNull();
    }
  }

  @Test
  void confidentialClientThroughAnIdentityHttpClient_isRefusedBeforeAnyRequest() {
    OneDrive oneDrive =
        OneDrive.builder(fake.oneDriveConfig().tenant("consumers").build())
            .tokenStore(store)
            .transport(fake.transportOptions())
            .build();

    assertRefusedBeforeAnyRequest(oneDrive, "identityHttpClient");
  }

  private void assertRefusedBeforeAnyRequest(OneDrive oneDrive, String reason) {
    assertThatThrownBy(
            () ->
                oneDrive
                    .deviceCodeFlow()
                    .signIn(OneDrive.SYSTEM_INTEGRATION, prompts::add, Duration.ofSeconds(5)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(reason);
    assertThat(deviceCodeRequests()).isZero();
  }

  private OneDrive confidentialOver(FakeMicrosoft https) {
    return OneDrive.builder(
            https
                .oneDriveConfig()
                .authorityHost(URI.create(https.baseUrl()))
                .tenant("consumers")
                .build())
        .tokenStore(store)
        .transport(TransportOptions.builder().sslContext(https.sslContext()).build())
        .build();
  }

  @Test
  void appOnlyIntegration_isRefusedBeforeAnyRequest() {
    OneDrive oneDrive =
        OneDrive.builder(
                fake.oneDriveConfig()
                    .tenant(FakeMicrosoft.DEFAULT_WORK_USER.tenantId())
                    .accountType(AccountType.APP_ONLY)
                    .driveTarget(
                        new DriveTarget.User(FakeMicrosoft.DEFAULT_WORK_USER.userPrincipalName()))
                    .build())
            .tokenStore(store)
            .transport(fake.transportOptions())
            .build();

    assertRefusedBeforeAnyRequest(oneDrive, "app-only");
  }
}
