package io.github.docuelevate.onedrive.it;

import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plays the user's browser: opens the authorize URL the library built (for the production host) on
 * the fake instead, and reads the callback's query parameters from the fake's 302.
 */
public final class FakeBrowser {
  private final FakeMicrosoft fake;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * Creates a browser for a fake.
   *
   * @param fake the fake Microsoft
   */
  public FakeBrowser(FakeMicrosoft fake) {
    this.fake = fake;
  }

  /**
   * Opens the authorize URL and returns the callback's query parameters.
   *
   * @param authorizeUrl the URL for {@code login.microsoftonline.com}
   * @return the parameters the fake sent the browser back with
   */
  public Map<String, String> authorize(URI authorizeUrl) throws IOException, InterruptedException {
    if (!authorizeUrl.toString().startsWith(FakeMicrosoft.PRODUCTION_AUTHORITY_HOST + "/")) {
      throw new AssertionError("not an authorize URL of the production host: " + authorizeUrl);
    }
    URI onFake =
        URI.create(
            fake.baseUrl()
                + authorizeUrl
                    .toString()
                    .substring(FakeMicrosoft.PRODUCTION_AUTHORITY_HOST.length()));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(onFake).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 302) {
      throw new AssertionError(
          "authorize endpoint answered " + response.statusCode() + ": " + response.body());
    }
    URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
    Map<String, String> params = query(location);
    LeakWatch.secret(params.get("code"));
    return params;
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }
}
