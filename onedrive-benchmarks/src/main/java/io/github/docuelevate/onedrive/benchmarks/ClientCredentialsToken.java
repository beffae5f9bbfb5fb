package io.github.docuelevate.onedrive.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baselines' own app-only token: one client-credentials form posted to the fake's token
 * endpoint with {@code java.net.http}, the access token picked out of the answer.
 */
final class ClientCredentialsToken {
  private static final Pattern ACCESS_TOKEN =
      Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

  private ClientCredentialsToken() {}

  /**
   * Gets a token for Graph.
   *
   * @param http the client to post with
   * @param base the fake's base URL
   * @param tenant the tenant
   * @param clientId the app's client id
   * @param secret the app's client secret
   * @return the access token
   */
  static String fetch(HttpClient http, String base, String tenant, String clientId, String secret)
      throws IOException, InterruptedException {
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(secret, StandardCharsets.UTF_8)
            + "&scope="
            + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8);
    String answer =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/" + tenant + "/oauth2/v2.0/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(BodyPublishers.ofString(form))
                    .build(),
                BodyHandlers.ofString())
            .body();
    Matcher token = ACCESS_TOKEN.matcher(answer);
    if (!token.find()) {
      throw new IllegalStateException("no access token in the token answer");
    }
    return token.group(1);
  }
}
