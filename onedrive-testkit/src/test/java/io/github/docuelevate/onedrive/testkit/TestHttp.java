package io.github.docuelevate.onedrive.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/** Plain {@code java.net.http} calls against the fake, as a client outside the library would. */
final class TestHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final String base;

  TestHttp(FakeMicrosoft fake) {
    this(fake.baseUrl(), null);
  }

  TestHttp(String base, @Nullable SSLContext ssl) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10));
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    this.client = builder.build();
    this.base = base;
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build());
  }

  HttpResponse<String> get(String pathAndQuery, String bearerToken) {
    return send(
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .header("Authorization", "Bearer " + bearerToken)
            .GET()
            .build());
  }

  HttpResponse<String> postForm(String path, Map<String, String> form) {
    return postForm(path, form, Map.of());
  }

  HttpResponse<String> postForm(
      String path, Map<String, String> form, Map<String, String> headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    headers.forEach(builder::header);
    return send(builder.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpClient client() {
    return client;
  }

  /** Issues a one-hour Graph token for the user and the default confidential app. */
  static String delegatedToken(FakeMicrosoft fake, FakeUser user, String... scopes) {
    return fake.identity()
        .issueAccessToken(
            user,
            FakeMicrosoft.DEFAULT_APP,
            FakeIdentity.GRAPH_AUDIENCE,
            Set.of(scopes),
            Duration.ofHours(1));
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static Map<String, String> map(String... keyValues) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      out.put(keyValues[i], keyValues[i + 1]);
    }
    return out;
  }

  /** Returns the query (or fragment) parameters of a redirect's {@code Location}. */
  static Map<String, String> redirectParams(HttpResponse<String> response) {
    String location = response.headers().firstValue("Location").orElseThrow();
    int start = Math.max(location.indexOf('?'), location.indexOf('#'));
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : location.substring(start + 1).split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Returns the {@code code} of a successful authorize redirect. */
  static String codeOf(HttpResponse<String> response) {
    String code = redirectParams(response).get("code");
    if (code == null) {
      throw new AssertionError("no code in " + response.headers().firstValue("Location"));
    }
    return code;
  }

  static JsonNode jwtClaims(String jwt) {
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode base64UrlJson(String value) {
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
