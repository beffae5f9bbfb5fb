package io.github.docuelevate.onedrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.AuthorizationException;
import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.AuthorizationStart;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.InvalidStateException;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthorizationStateEndToEndTest extends FakeMicrosoftTestBase {
  private final IntegrationKey alices = new IntegrationKey("alice", "personal");
  private Node node;

  @BeforeEach
  void createIntegration() {
    fake.identity().signInAs(FakeMicrosoft.DEFAULT_PERSONAL_USER);
    node = node(Node.systemConfig().build());
    node.oneDrive.createIntegration(
        NewIntegration.builder(alices, AccountType.PERSONAL).folderPath("Docs").build());
  }

  private Map<String, String> beginAndSignIn() throws Exception {
    AuthorizationStart start =
        node.oneDrive.authorizationFlow().begin(AuthorizationRequest.of(alices, REDIRECT));
    return browser.authorize(start.authorizationUrl());
  }

  @Test
  void callbackOnAnotherNode_completesThroughTheSharedStore() throws Exception {
    Map<String, String> callback = beginAndSignIn();
    Node other = node(Node.systemConfig().build());

    OneDriveIntegration integration =
        other.oneDrive.authorizationFlow().complete("alice", callback);

    assertThat(integration.info().status()).isEqualTo(IntegrationStatus.CONNECTED);
    assertThat(other.http.tokenRequests()).as("code exchange on the callback's node").isEqualTo(1);
    assertThat(node.oneDrive.integration(alices).accessToken().expiresAt())
        .isAfter(clock.instant());
    assertThat(node.http.tokenRequests())
        .as("the first node refreshes from the store")
        .isEqualTo(1);
  }

  @Test
  void replayedCallback_isRejectedAndKeepsTheFirstCredential() throws Exception {
    Map<String, String> callback = beginAndSignIn();
    node.oneDrive.authorizationFlow().complete("alice", callback);
    var first = storedRefreshToken(alices);

    Throwable replay =
        LeakWatch.thrown(() -> node.oneDrive.authorizationFlow().complete("alice", callback));

    assertThat(replay).isInstanceOf(InvalidStateException.class).hasMessageContaining("pending");
    assertThat(storedRefreshToken(alices)).isEqualTo(first);
    assertThat(tokenRequests()).as("no second code exchange").isEqualTo(1);
  }

  @Test
  void tamperedState_isRejectedAndTheGenuineCallbackStillCompletes() throws Exception {
    Map<String, String> callback = beginAndSignIn();
    Map<String, String> tampered = new HashMap<>(callback);
    String state = java.util.Objects.requireNonNull(callback.get("state"));
    char last = state.charAt(state.length() - 2);
    tampered.put(
        "state",
        state.substring(0, state.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + state.charAt(state.length() - 1));

    Throwable refused =
        LeakWatch.thrown(() -> node.oneDrive.authorizationFlow().complete("alice", tampered));

    assertThat(refused).isInstanceOf(InvalidStateException.class);
    assertThat(refused.getMessage()).doesNotContain(state);
    assertThat(stored(alices).status()).isEqualTo(IntegrationStatus.PENDING_AUTHORIZATION);
    assertThat(node.oneDrive.authorizationFlow().complete("alice", callback).info().status())
        .isEqualTo(IntegrationStatus.CONNECTED);
  }

  @Test
  void stateForAnotherUser_isRejectedWithoutTouchingEitherUser() throws Exception {
    IntegrationKey mallorys = new IntegrationKey("mallory", "personal");
    node.oneDrive.createIntegration(NewIntegration.builder(mallorys, AccountType.PERSONAL).build());
    Map<String, String> alicesCallback = beginAndSignIn();

    Throwable refused =
        LeakWatch.thrown(
            () -> node.oneDrive.authorizationFlow().complete("mallory", alicesCallback));

    assertThat(refused).isInstanceOf(InvalidStateException.class).hasMessageContaining("user");
    assertThat(stored(mallorys).refreshToken()).isNull();
    assertThat(stored(alices).pendingAuthorization()).isNotNull();
    assertThat(tokenRequests()).isZero();
  }

  @Test
  void expiredState_isRejected() throws Exception {
    Map<String, String> callback = beginAndSignIn();
    clock.advance(Duration.ofMinutes(10));

    Throwable refused =
        LeakWatch.thrown(() -> node.oneDrive.authorizationFlow().complete("alice", callback));

    assertThat(refused).isInstanceOf(InvalidStateException.class).hasMessageContaining("expired");
    assertThat(stored(alices).refreshToken()).isNull();
    assertThat(tokenRequests()).isZero();
  }

  @Test
  void supersededState_isRejectedAfterANewBegin() throws Exception {
    Map<String, String> older = beginAndSignIn();
    Map<String, String> newer = beginAndSignIn();

    Throwable refused =
        LeakWatch.thrown(() -> node.oneDrive.authorizationFlow().complete("alice", older));

    assertThat(refused).isInstanceOf(InvalidStateException.class);
    assertThat(node.oneDrive.authorizationFlow().complete("alice", newer).info().connected())
        .isTrue();
  }

  @Test
  void missingOrForeignState_isRejected() {
    Throwable missing =
        LeakWatch.thrown(
            () -> node.oneDrive.authorizationFlow().complete("alice", Map.of("code", "x")));
    Throwable foreign =
        LeakWatch.thrown(
            () ->
                node.oneDrive
                    .authorizationFlow()
                    .complete("alice", Map.of("code", "x", "state", "not-ours")));

    assertThat(missing).isInstanceOf(InvalidStateException.class).hasMessageContaining("no state");
    assertThat(foreign).isInstanceOf(InvalidStateException.class);
  }

  @Test
  void declinedConsent_reportsMicrosoftsErrorAndDescription() throws Exception {
    fake.identity().declineNextConsent();
    Map<String, String> callback = beginAndSignIn();
    assertThat(callback).containsKey("error").doesNotContainKey("code");

    Throwable refused =
        LeakWatch.thrown(() -> node.oneDrive.authorizationFlow().complete("alice", callback));

    assertThat(refused).isInstanceOf(AuthorizationException.class);
    AuthorizationException error = (AuthorizationException) refused;
    assertThat(error.error()).isEqualTo(callback.get("error"));
    assertThat(error.errorDescription()).isEqualTo(callback.get("error_description"));
    assertThat(error.getMessage()).contains(callback.get("error_description"));
    assertThat(stored(alices).status()).isEqualTo(IntegrationStatus.PENDING_AUTHORIZATION);
    assertThat(stored(alices).pendingAuthorization()).as("the state was used up").isNull();
  }

  @Test
  void reauthorization_asksToSelectAccountAndKeepsSettings() throws Exception {
    node.oneDrive.authorizationFlow().complete("alice", beginAndSignIn());
    var first = storedRefreshToken(alices);

    AuthorizationStart again =
        node.oneDrive.authorizationFlow().begin(AuthorizationRequest.of(alices, REDIRECT));
    assertThat(again.reauthorization()).isTrue();
    assertThat(FakeMicrosoft.queryParameters(again.authorizationUrl()))
        .containsEntry("prompt", "select_account");
    node.oneDrive
        .authorizationFlow()
        .complete("alice", browser.authorize(again.authorizationUrl()));

    assertThat(storedRefreshToken(alices)).isNotEqualTo(first);
    assertThat(stored(alices).folderPath()).isEqualTo("Docs");
    assertThat(node.oneDrive.integrations("alice")).hasSize(1);
  }

  @Test
  void state_namesNeitherOwnerNorIntegration_andEachOfAnOwnersIntegrationsCompletesItsOwn()
      throws Exception {
    IntegrationKey second = new IntegrationKey("alice", "invoices@contoso");
    node.oneDrive.createIntegration(NewIntegration.builder(second, AccountType.PERSONAL).build());
    AuthorizationStart first =
        node.oneDrive.authorizationFlow().begin(AuthorizationRequest.of(alices, REDIRECT));
    AuthorizationStart other =
        node.oneDrive.authorizationFlow().begin(AuthorizationRequest.of(second, REDIRECT));

    String url = other.authorizationUrl().toString();
    String state = FakeMicrosoft.queryParameters(other.authorizationUrl()).get("state");
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    assertThat(state).doesNotContain("alice").doesNotContain("invoices");
    assertThat(url)
        .doesNotContain(base64.encodeToString("alice".getBytes(StandardCharsets.UTF_8)))
        .doesNotContain(base64.encodeToString("invoices@contoso".getBytes(StandardCharsets.UTF_8)))
        .doesNotContain("invoices");
    assertThat(
            node.oneDrive
                .authorizationFlow()
                .complete("alice", browser.authorize(other.authorizationUrl()))
                .key())
        .isEqualTo(second);
    assertThat(stored(alices).pendingAuthorization()).as("the other one still waits").isNotNull();
    assertThat(
            node.oneDrive
                .authorizationFlow()
                .complete("alice", browser.authorize(first.authorizationUrl()))
                .key())
        .isEqualTo(alices);
  }
}
