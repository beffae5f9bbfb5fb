package io.github.docuelevate.onedrive.testkit;

import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The browser side of {@link FakeMicrosoft#authorize(URI)}. */
final class AuthorizeBrowser {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private AuthorizeBrowser() {}

  static Map<String, String> open(FakeMicrosoft fake, URI authorizationUrl) {
    String url = authorizationUrl.toString();
    String pathAndQuery;
    if (url.startsWith(FakeMicrosoft.PRODUCTION_AUTHORITY_HOST + "/")) {
      pathAndQuery = url.substring(FakeMicrosoft.PRODUCTION_AUTHORITY_HOST.length());
    } else if (url.startsWith(fake.baseUrl() + "/")) {
      pathAndQuery = url.substring(fake.baseUrl().length());
    } else {
      throw new IllegalArgumentException(
          "not an authorization URL of "
              + FakeMicrosoft.PRODUCTION_AUTHORITY_HOST
              + " or of the fake at "
              + fake.baseUrl()
              + ": "
              + authorizationUrl.getScheme()
              + "://"
              + authorizationUrl.getRawAuthority()
              + authorizationUrl.getRawPath());
    }
    if (!pathAndQuery.contains("/oauth2/v2.0/authorize")) {
      throw new IllegalArgumentException(
          "not an authorization URL (no /oauth2/v2.0/authorize): " + authorizationUrl.getPath());
    }
    HttpClient.Builder client =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT);
    if (fake.https()) {
      client.sslContext(fake.sslContext());
    }
    HttpResponse<String> response;
    try {
      response =
          client
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(fake.baseUrl() + pathAndQuery))
                      .timeout(TIMEOUT)
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("the fake's authorize endpoint did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening the authorization URL", e);
    }
    String location = response.headers().firstValue("Location").orElse(null);
    if (response.statusCode() != 302 || location == null) {
      throw new IllegalStateException(
          "the authorize endpoint answered "
              + response.statusCode()
              + " instead of redirecting: "
              + response.body());
    }
    return FakeExchange.parseForm(URI.create(location).getRawQuery());
  }
}
