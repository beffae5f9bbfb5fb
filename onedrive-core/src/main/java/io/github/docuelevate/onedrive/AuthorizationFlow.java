package io.github.docuelevate.onedrive;

import java.util.Map;

/**
 * The back end of a setup wizard and of per-user "Authorize" buttons: {@link #begin} gives the URL
 * to send the browser to, {@link #complete} takes the callback's query parameters. Codes and tokens
 * stay on the server. Works across worker nodes sharing a {@link
 * io.github.docuelevate.onedrive.spi.TokenStore}: the callback may land on any of them.
 */
public interface AuthorizationFlow {

  /**
   * Begins an authorization (or a re-authorization) of an existing delegated integration. A state
   * bound to the integration and its owner, and a PKCE verifier, are kept in the integration's
   * record; an earlier pending authorization of the same integration stops being accepted. The
   * system integration ({@link OneDrive#SYSTEM_INTEGRATION}) is created from the configuration when
   * it has no record yet, as {@link OneDrive#systemIntegration()} does; any other integration must
   * have been created first.
   *
   * @param request the integration, the redirect URI and optional hints
   * @return the authorize URL to redirect the browser to
   * @throws IntegrationNotFoundException if the integration does not exist (and is not the system
   *     integration)
   * @throws ConfigurationException if the integration cannot be authorized by a user (app-only)
   */
  AuthorizationStart begin(AuthorizationRequest request);

  /**
   * Completes an authorization from the callback's query parameters ({@code state} and {@code
   * code}, or {@code error} and {@code error_description}). Accepts each state once, before it
   * expires, and only for the user it was begun for; then exchanges the code and stores the refresh
   * token in the integration's record, keeping its settings.
   *
   * <p>This is where the library enforces isolation between the host's users: the state names the
   * integration, and a state begun for another owner is refused. Pass the owner from the host's
   * authenticated session, never from the callback:
   *
   * <pre>{@code
   * OneDriveIntegration done = flow.complete(session.userId(), request.queryParameters());
   * }</pre>
   *
   * @param owner the signed-in user of the host application receiving the callback (for the system
   *     wizard, {@code OneDrive.SYSTEM_INTEGRATION.owner()})
   * @param callbackParameters the callback's query parameters
   * @return the authorized integration
   * @throws InvalidStateException if the state is missing, tampered with, expired, already used or
   *     issued for another user; nothing is changed
   * @throws AuthorizationException if Microsoft reported an error or refused the code, with
   *     Microsoft's error code and description
   * @throws TransientNetworkException if Microsoft could not be reached
   */
  OneDriveIntegration complete(String owner, Map<String, String> callbackParameters);
}
