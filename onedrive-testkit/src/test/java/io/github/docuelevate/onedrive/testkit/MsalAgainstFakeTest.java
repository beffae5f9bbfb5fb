package io.github.docuelevate.onedrive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** msal4j, the library's identity client, runs all three grant types against the fake. */
class MsalAgainstFakeTest {
  private static final Set<String> GRAPH = Set.of("https://graph.microsoft.com/.default");
  private static final String VERIFIER = "msal-test-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";

  private FakeMicrosoft fake;
  private TestHttp http;

  @BeforeEach
  void start() {
    fake = FakeMicrosoft.builder().start();
    http = new TestHttp(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private ConfidentialClientApplication confidential(String tenant) throws Exception {
    return ConfidentialClientApplication.builder(
            FakeMicrosoft.DEFAULT_APP.clientId(),
            ClientCredentialFactory.createFromSecret(FakeMicrosoft.DEFAULT_CLIENT_SECRET))
        .authority(FakeMicrosoft.productionAuthority(tenant))
        .instanceDiscovery(false)
        .httpClient(fake.msalHttpClient())
        .build();
  }

  private String code(FakeApp app, String tenant, FakeUser user) {
    HttpResponse<String> response =
        http.get(
            "/"
                + tenant
                + "/oauth2/v2.0/authorize?"
                + TestHttp.form(
                    TestHttp.map(
                        "client_id",
                        app.clientId(),
                        "response_type",
                        "code",
                        "redirect_uri",
                        FakeMicrosoft.DEFAULT_REDIRECT_URI,
                        "scope",
                        "https://graph.microsoft.com/.default offline_access openid profile",
                        "login_hint",
                        user.userPrincipalName(),
                        "code_challenge",
                        TestHttp.s256(VERIFIER),
                        "code_challenge_method",
                        "S256")));
    return TestHttp.codeOf(response);
  }

  private static String refreshTokenIn(String cacheJson) throws Exception {
    JsonNode refreshTokens = TestHttp.JSON.readTree(cacheJson).get("RefreshToken");
    Iterator<JsonNode> values = refreshTokens.elements();
    String secret = values.next().get("secret").asText();
    assertThat(values.hasNext()).isFalse();
    return secret;
  }

  @Test
  void confidentialClient_clientCredentials_getsAnAppOnlyTokenAndCachesIt() throws Exception {
    ConfidentialClientApplication app = confidential(FakeMicrosoft.DEFAULT_WORK_USER.domain());

    IAuthenticationResult first =
        app.acquireToken(ClientCredentialParameters.builder(GRAPH).build()).get();
    IAuthenticationResult second =
        app.acquireToken(ClientCredentialParameters.builder(GRAPH).build()).get();

    assertThat(fake.identityPlatform().lookup(first.accessToken()).orElseThrow().roles())
        .contains("Files.ReadWrite.All");
    assertThat(second.accessToken()).isEqualTo(first.accessToken());
  }

  @Test
  void confidentialClient_authorizationCodeThenRefresh_rotatesTheRefreshToken() throws Exception {
    ConfidentialClientApplication app = confidential("common");
    FakeUser bob = FakeMicrosoft.DEFAULT_WORK_USER;

    IAuthenticationResult result =
        app.acquireToken(
                AuthorizationCodeParameters.builder(
                        code(FakeMicrosoft.DEFAULT_APP, "common", bob),
                        URI.create(FakeMicrosoft.DEFAULT_REDIRECT_URI))
                    .scopes(GRAPH)
                    .codeVerifier(VERIFIER)
                    .build())
            .get();
    IAccount account = result.account();
    assertThat(account.username()).isEqualTo(bob.userPrincipalName());
    assertThat(account.homeAccountId()).isEqualTo(bob.objectId() + "." + bob.tenantId());
    String firstRefreshToken = refreshTokenIn(app.tokenCache().serialize());

    IAuthenticationResult refreshed =
        app.acquireTokenSilently(
                SilentParameters.builder(GRAPH, account).forceRefresh(true).build())
            .get();

    assertThat(refreshed.accessToken()).isNotEqualTo(result.accessToken());
    assertThat(refreshTokenIn(app.tokenCache().serialize())).isNotEqualTo(firstRefreshToken);
    assertThat(fake.identityPlatform().lookup(refreshed.accessToken()).orElseThrow().userId())
        .isEqualTo(bob.objectId());
  }

  @Test
  void publicClient_authorizationCodeThenRefresh_works() throws Exception {
    PublicClientApplication app =
        PublicClientApplication.builder(FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId())
            .authority(FakeMicrosoft.productionAuthority("consumers"))
            .instanceDiscovery(false)
            .httpClient(fake.msalHttpClient())
            .build();
    FakeUser alice = FakeMicrosoft.DEFAULT_PERSONAL_USER;

    IAuthenticationResult result =
        app.acquireToken(
                AuthorizationCodeParameters.builder(
                        code(FakeMicrosoft.DEFAULT_PUBLIC_APP, "consumers", alice),
                        URI.create(FakeMicrosoft.DEFAULT_REDIRECT_URI))
                    .scopes(GRAPH)
                    .codeVerifier(VERIFIER)
                    .build())
            .get();
    IAuthenticationResult refreshed =
        app.acquireTokenSilently(
                SilentParameters.builder(GRAPH, result.account()).forceRefresh(true).build())
            .get();

    assertThat(result.account().username()).isEqualTo(alice.userPrincipalName());
    assertThat(fake.identityPlatform().lookup(refreshed.accessToken()).orElseThrow().tenantId())
        .isEqualTo(FakeUser.PERSONAL_TENANT_ID);
  }

  @Test
  void revokedRefreshToken_surfacesAsInteractionRequired() throws Exception {
    ConfidentialClientApplication app = confidential("common");
    FakeUser alice = FakeMicrosoft.DEFAULT_PERSONAL_USER;
    IAuthenticationResult result =
        app.acquireToken(
                AuthorizationCodeParameters.builder(
                        code(FakeMicrosoft.DEFAULT_APP, "common", alice),
                        URI.create(FakeMicrosoft.DEFAULT_REDIRECT_URI))
                    .scopes(GRAPH)
                    .codeVerifier(VERIFIER)
                    .build())
            .get();
    fake.identity().revokeRefreshTokens(alice);

    assertThatThrownBy(
            () ->
                app.acquireTokenSilently(
                        SilentParameters.builder(GRAPH, result.account())
                            .forceRefresh(true)
                            .build())
                    .get())
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(MsalInteractionRequiredException.class)
        .hasMessageContaining("AADSTS50173");
  }

  @Test
  void confidentialClient_withCertificate_clientCredentials() throws Exception {
    TestCertificate cert = TestCertificate.generate("msal-cert-app");
    fake.identity().addApp(FakeApp.builder("cert-app").certificate(cert.certificate()).build());
    ConfidentialClientApplication app =
        ConfidentialClientApplication.builder(
                "cert-app",
                ClientCredentialFactory.createFromCertificate(
                    cert.privateKey(), cert.certificate()))
            .authority(
                FakeMicrosoft.productionAuthority(FakeMicrosoft.DEFAULT_WORK_USER.tenantId()))
            .instanceDiscovery(false)
            .httpClient(fake.msalHttpClient())
            .build();

    IAuthenticationResult result =
        app.acquireToken(ClientCredentialParameters.builder(GRAPH).build()).get();

    assertThat(fake.identityPlatform().lookup(result.accessToken()).orElseThrow().clientId())
        .isEqualTo("cert-app");
  }

  @Test
  void overHttps_withTrustMaterial_msalReachesTheFakeAsAuthority() throws Exception {
    try (FakeMicrosoft https = FakeMicrosoft.builder().https(true).start()) {
      assertThat(https.baseUrl()).startsWith("https://127.0.0.1:");
      String authority =
          "https://localhost:"
              + https.port()
              + "/"
              + FakeMicrosoft.DEFAULT_WORK_USER.domain()
              + "/";
      ConfidentialClientApplication app =
          ConfidentialClientApplication.builder(
                  FakeMicrosoft.DEFAULT_APP.clientId(),
                  ClientCredentialFactory.createFromSecret(FakeMicrosoft.DEFAULT_CLIENT_SECRET))
              .authority(authority)
              .instanceDiscovery(false)
              .sslSocketFactory(https.trust().sslSocketFactory())
              .build();

      IAuthenticationResult result =
          app.acquireToken(ClientCredentialParameters.builder(GRAPH).build()).get();

      assertThat(https.identityPlatform().lookup(result.accessToken())).isPresent();
    }
  }

  @Test
  void overHttps_msalHttpClientOfTheFake_trustsItsCertificate() throws Exception {
    try (FakeMicrosoft https = FakeMicrosoft.builder().https(true).start()) {
      ConfidentialClientApplication app =
          ConfidentialClientApplication.builder(
                  FakeMicrosoft.DEFAULT_APP.clientId(),
                  ClientCredentialFactory.createFromSecret(FakeMicrosoft.DEFAULT_CLIENT_SECRET))
              .authority(
                  FakeMicrosoft.productionAuthority(FakeMicrosoft.DEFAULT_WORK_USER.tenantId()))
              .instanceDiscovery(false)
              .httpClient(https.msalHttpClient())
              .build();

      IAuthenticationResult result =
          app.acquireToken(ClientCredentialParameters.builder(GRAPH).build()).get();

      assertThat(https.identityPlatform().lookup(result.accessToken())).isPresent();
    }
  }

  @Test
  void withoutInstanceDiscoveryDisabled_theDiscoveryCallAlsoReachesTheFake() throws Exception {
    ConfidentialClientApplication app =
        ConfidentialClientApplication.builder(
                FakeMicrosoft.DEFAULT_APP.clientId(),
                ClientCredentialFactory.createFromSecret(FakeMicrosoft.DEFAULT_CLIENT_SECRET))
            .authority(
                FakeMicrosoft.productionAuthority(FakeMicrosoft.DEFAULT_WORK_USER.tenantId()))
            .httpClient(fake.msalHttpClient())
            .build();

    IAuthenticationResult result =
        app.acquireToken(ClientCredentialParameters.builder(GRAPH).build()).get();

    assertThat(fake.identityPlatform().lookup(result.accessToken())).isPresent();
    assertThat(Map.of("token", result.accessToken())).isNotEmpty();
  }
}
