package io.github.docuelevate.onedrive.testkit.internal.identity;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * An msal4j transport that sends every request to the fake: scheme, host and port are replaced,
 * path and query are kept. msal4j keeps its production authority ({@code
 * https://login.microsoftonline.com/...}), so its cache keys and validation behave as in
 * production.
 */
public final class RedirectingMsalHttpClient implements IHttpClient {
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final URI target;
  private final HttpClient client;

  /**
   * Creates the transport.
   *
   * @param target the fake's base URL, e.g. {@code http://127.0.0.1:41234}
   * @param sslContext trust material for an HTTPS fake, or {@code null}
   */
  public RedirectingMsalHttpClient(URI target, @Nullable SSLContext sslContext) {
    this.target = Objects.requireNonNull(target, "target");
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER);
    if (sslContext != null) {
      builder.sslContext(sslContext);
    }
    this.client = builder.build();
  }

  /** Returns the URL a production URL is rewritten to. */
  URI rewrite(URL url) {
    String path = url.getPath() == null || url.getPath().isEmpty() ? "/" : url.getPath();
    String query = url.getQuery() == null ? "" : "?" + url.getQuery();
    return URI.create(target.getScheme() + "://" + target.getRawAuthority() + path + query);
  }

  @Override
  public IHttpResponse send(HttpRequest request) throws Exception {
    java.net.http.HttpRequest.Builder builder =
        java.net.http.HttpRequest.newBuilder(rewrite(request.url()))
            .timeout(Duration.ofSeconds(30));
    boolean contentType = false;
    Map<String, String> headers = request.headers();
    if (headers != null) {
      for (Map.Entry<String, String> header : headers.entrySet()) {
        String name = header.getKey().toLowerCase(Locale.ROOT);
        if (header.getValue() == null || RESTRICTED.contains(name)) {
          continue;
        }
        contentType |= name.equals("content-type");
        builder.header(header.getKey(), header.getValue());
      }
    }
    String body = request.body();
    String method = request.httpMethod().methodName;
    if (body == null) {
      builder.method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
    } else {
      if (!contentType) {
        builder.header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
      }
      builder.method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body));
    }
    java.net.http.HttpResponse<String> response =
        client.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    HttpResponse out = new HttpResponse().statusCode(response.statusCode()).body(response.body());
    out.addHeaders(response.headers().map());
    return out;
  }
}
