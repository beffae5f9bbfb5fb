package io.github.docuelevate.onedrive;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link AuthorizationFlow#begin} needs: which integration, where Microsoft sends the browser
 * back, and optional hints for the sign-in page.
 *
 * @param integration the integration to authorize (it must exist)
 * @param redirectUri the callback URI, registered on the app registration; https, or http on a
 *     loopback host
 * @param loginHint the user name to prefill, if known
 * @param domainHint {@code consumers}, {@code organizations} or a tenant domain to skip the
 *     account-type choice, if known
 */
public record AuthorizationRequest(
    IntegrationKey integration,
    URI redirectUri,
    @Nullable String loginHint,
    @Nullable String domainHint) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the redirect URI is not absolute https (or loopback http),
   *     or has a fragment
   */
  public AuthorizationRequest {
    Objects.requireNonNull(integration, "integration");
    Objects.requireNonNull(redirectUri, "redirectUri");
    String scheme = redirectUri.getScheme();
    String host = redirectUri.getHost();
    boolean https = "https".equalsIgnoreCase(scheme);
    boolean loopbackHttp =
        "http".equalsIgnoreCase(scheme) && host != null && AppRegistration.isLoopback(host);
    if (!redirectUri.isAbsolute() || host == null || !(https || loopbackHttp)) {
      throw new IllegalArgumentException(
          "the redirect URI must be absolute https (http only on a loopback host): " + redirectUri);
    }
    if (redirectUri.getRawFragment() != null) {
      throw new IllegalArgumentException("the redirect URI must not have a fragment");
    }
    if (loginHint != null && loginHint.isBlank()) {
      loginHint = null;
    }
    if (domainHint != null && domainHint.isBlank()) {
      domainHint = null;
    }
  }

  /**
   * Creates a request without hints.
   *
   * @param integration the integration
   * @param redirectUri the callback URI
   * @return the request
   */
  public static AuthorizationRequest of(IntegrationKey integration, URI redirectUri) {
    return new AuthorizationRequest(integration, redirectUri, null, null);
  }

  /**
   * Returns a copy with a login hint.
   *
   * @param loginHint the user name to prefill
   * @return the copy
   */
  public AuthorizationRequest withLoginHint(String loginHint) {
    return new AuthorizationRequest(integration, redirectUri, loginHint, domainHint);
  }

  /**
   * Returns a copy with a domain hint.
   *
   * @param domainHint {@code consumers}, {@code organizations} or a tenant domain
   * @return the copy
   */
  public AuthorizationRequest withDomainHint(String domainHint) {
    return new AuthorizationRequest(integration, redirectUri, loginHint, domainHint);
  }
}
