package io.github.docuelevate.onedrive.it;

import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.net.URI;
import java.util.Map;

/**
 * Plays the user's browser through {@link FakeMicrosoft#authorize(URI)} and registers the code it
 * receives with {@link LeakWatch}, so the leak scan looks for it too.
 */
public final class FakeBrowser {
  private final FakeMicrosoft fake;

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
   * @param authorizeUrl the URL for {@code login.microsoftonline.com}, or for an HTTPS fake named
   *     as the authority host
   * @return the parameters the fake sent the browser back with
   */
  public Map<String, String> authorize(URI authorizeUrl) {
    String url = authorizeUrl.toString();
    if (!url.startsWith(FakeMicrosoft.PRODUCTION_AUTHORITY_HOST + "/")
        && !(fake.https() && url.startsWith(fake.baseUrl() + "/"))) {
      throw new AssertionError(
          "not an authorize URL of the production host (or of an HTTPS fake): " + authorizeUrl);
    }
    Map<String, String> params = fake.authorize(authorizeUrl);
    LeakWatch.secret(params.get("code"));
    return params;
  }
}
