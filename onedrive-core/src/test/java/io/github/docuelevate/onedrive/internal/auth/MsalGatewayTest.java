package io.github.docuelevate.onedrive.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.github.docuelevate.onedrive.AuthorizationException;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.TransportOptions;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MsalGatewayTest {

  @Test
  void refreshTokenFromCache_readsTheRotatedToken() {
    String cache =
        "{\"AccessToken\":{\"k\":{\"secret\":\"at\"}},"
            + "\"RefreshToken\":{\"uid.utid-login.microsoftonline.com-refreshtoken-app--\":"
            + "{\"credential_type\":\"RefreshToken\",\"secret\":\"rotated-refresh-token\"}}}";

    assertThat(MsalGateway.refreshTokenFromCache(cache))
        .isEqualTo(Secret.of("rotated-refresh-token"));
    assertThat(MsalGateway.refreshTokenFromCache("{\"RefreshToken\":{}}")).isNull();
    assertThat(MsalGateway.refreshTokenFromCache("{}")).isNull();
  }

  @Test
  void retryAfter_readsSecondsInAnyCase() {
    assertThat(MsalGateway.retryAfter(Map.of("retry-after", List.of("12"))))
        .isEqualTo(Duration.ofSeconds(12));
    assertThat(MsalGateway.retryAfter(Map.of("Retry-After", List.of(" 3 "))))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(MsalGateway.retryAfter(Map.of("Other", List.of("3")))).isNull();
    assertThat(MsalGateway.retryAfter(null)).isNull();
  }

  @Test
  void translate_mapsInvalidGrantClientErrorsAndNetworkFailures() {
    assertThat(
            MsalGateway.translate(
                new MsalServiceException("AADSTS70008: expired", "invalid_grant")))
        .isInstanceOfSatisfying(
            InvalidGrantException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid_grant");
              assertThat(e.description()).isEqualTo("AADSTS70008: expired");
            });
    assertThat(
            MsalGateway.translate(
                new MsalServiceException("AADSTS7000215: Invalid client secret", "invalid_client")))
        .isInstanceOfSatisfying(
            AuthorizationException.class, e -> assertThat(e.error()).isEqualTo("invalid_client"));
    assertThat(
            MsalGateway.translate(
                new MsalClientException(new SocketTimeoutException("Read timed out"))))
        .isInstanceOf(RetryableFailure.class);
  }

  @Test
  void authorizationUrl_carriesEveryParameterOfTheCodeFlowWithPkce() {
    MsalGateway gateway =
        new MsalGateway(
            URI.create("https://login.microsoftonline.us/"),
            TransportOptions.defaults(),
            Clock.systemUTC());

    URI url =
        gateway.authorizationUrl(
            new AppCredentials("app-id", Secret.of("never-in-the-url"), null),
            "contoso.onmicrosoft.com",
            Set.of("https://graph.microsoft.us/.default", "offline_access"),
            URI.create("https://app.example.com/callback?x=1"),
            "the-state",
            "the-challenge",
            false,
            "bob@contoso.com",
            null);

    assertThat(url.getHost()).isEqualTo("login.microsoftonline.us");
    assertThat(url.getPath()).isEqualTo("/contoso.onmicrosoft.com/oauth2/v2.0/authorize");
    assertThat(url.toString()).doesNotContain("never-in-the-url");
    Map<String, String> query = query(url);
    assertThat(query)
        .containsEntry("client_id", "app-id")
        .containsEntry("response_type", "code")
        .containsEntry("response_mode", "query")
        .containsEntry("redirect_uri", "https://app.example.com/callback?x=1")
        .containsEntry("state", "the-state")
        .containsEntry("code_challenge", "the-challenge")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("prompt", "consent")
        .containsEntry("login_hint", "bob@contoso.com")
        .doesNotContainKey("domain_hint");
    assertThat(java.util.Objects.requireNonNull(query.get("scope")).split(" "))
        .containsExactlyInAnyOrder(
            "https://graph.microsoft.us/.default", "offline_access", "openid", "profile");
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}
