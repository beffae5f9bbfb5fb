package io.github.docuelevate.onedrive.it;

/**
 * Every token-lifecycle case again, with the fake reached as production reaches Microsoft (HTTPS,
 * the fake named as the authority host, no msal4j {@code IHttpClient}): the refresh grant is then a
 * plain form post over the JDK's HTTP client, and must rotate, refuse, retry and single-flight
 * exactly as through msal4j.
 */
class TokenLifecycleOverHttpsEndToEndTest extends TokenLifecycleEndToEndTest {
  @Override
  boolean https() {
    return true;
  }
}
