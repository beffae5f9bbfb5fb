package io.github.docuelevate.onedrive.it;

import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.AuthorizationStart;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.FakeClock;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a fake Microsoft with a fake clock per test, and a shared store for the test's nodes. */
abstract class FakeMicrosoftTestBase {
  static final URI REDIRECT = URI.create(FakeMicrosoft.DEFAULT_REDIRECT_URI);

  FakeClock clock;
  FakeMicrosoft fake;
  FakeBrowser browser;
  TokenStore shared;

  @BeforeEach
  void startFake() {
    LeakWatch.install();
    LeakWatch.secret(FakeMicrosoft.DEFAULT_CLIENT_SECRET);
    clock = FakeClock.create();
    fake = FakeMicrosoft.builder().clock(clock).https(https()).build().start();
    browser = new FakeBrowser(fake);
    shared = TokenStore.inMemory();
  }

  /**
   * Returns whether the fake serves HTTPS, which {@link Node} reaches without the testkit's msal4j
   * client (the refresh and client-credentials grants then go over the JDK's HTTP client).
   */
  boolean https() {
    return false;
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  /** Returns how many token requests the fake's journal recorded, from every node. */
  int tokenRequests() {
    return (int) fake.journal().count("POST", "/*/oauth2/v2.0/token");
  }

  Node node(OneDriveConfig config) {
    return new Node(fake, clock, config, shared);
  }

  /** Runs begin -> the fake's authorize redirect -> complete. */
  OneDriveIntegration authorize(Node node, IntegrationKey key) throws Exception {
    AuthorizationStart start =
        node.oneDrive.authorizationFlow().begin(AuthorizationRequest.of(key, REDIRECT));
    Map<String, String> callback = browser.authorize(start.authorizationUrl());
    return node.oneDrive.authorizationFlow().complete(key.owner(), callback);
  }

  StoredIntegration stored(IntegrationKey key) {
    return shared.read(key).orElseThrow();
  }

  Secret storedRefreshToken(IntegrationKey key) {
    return Objects.requireNonNull(stored(key).refreshToken(), "no refresh token stored");
  }
}
