package io.github.docuelevate.onedrive.it;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes msal4j's requests on to the fake's transport unchanged and counts those that reach the
 * token endpoint, and remembers the tokens in the answers for the leak scan.
 */
final class CountingHttpClient implements IHttpClient {
  private final IHttpClient next;
  private final AtomicInteger tokenRequests = new AtomicInteger();

  CountingHttpClient(IHttpClient next) {
    this.next = next;
  }

  int tokenRequests() {
    return tokenRequests.get();
  }

  @Override
  public IHttpResponse send(HttpRequest request) throws Exception {
    if (request.url().getPath().endsWith("/oauth2/v2.0/token")) {
      tokenRequests.incrementAndGet();
    }
    IHttpResponse response = next.send(request);
    String body = response.body();
    if (body != null) {
      for (String field : new String[] {"access_token", "refresh_token", "id_token"}) {
        LeakWatch.secret(field(body, field));
      }
    }
    return response;
  }

  private static String field(String json, String name) {
    String marker = "\"" + name + "\":\"";
    int start = json.indexOf(marker);
    if (start < 0) {
      return "";
    }
    start += marker.length();
    int end = json.indexOf('"', start);
    return end < 0 ? "" : json.substring(start, end);
  }
}
