package io.github.docuelevate.onedrive;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Signs a user in on a machine without a browser (the OAuth device authorization grant): Microsoft
 * hands out a short code, the user enters it at {@link DeviceCodePrompt#verificationUri()} on any
 * other device, and the flow stores the refresh token in the integration's record like {@link
 * AuthorizationFlow#complete} does. The device code itself never leaves the library.
 *
 * <p>Public clients (the app registration allows public client flows) sign in through msal4j's
 * device-code flow; confidential clients with a client secret through the same grant sent by the
 * library itself with the secret, over the JDK's HTTP client with the {@link TransportOptions}'
 * proxy, SSL context and timeouts. A client certificate, or a confidential client whose transport
 * names an {@link TransportOptions#identityHttpClient() identity HTTP client}, is refused with a
 * {@link ConfigurationException} before any request.
 */
public interface DeviceCodeFlow {

  /**
   * Asks Microsoft for a device code, hands it to {@code prompt} (show its message to the user),
   * then waits, polling at the interval Microsoft gives, until the user approved or declined, the
   * code expired, or {@code timeout} passed. The system integration ({@link
   * OneDrive#SYSTEM_INTEGRATION}) is created from the configuration when it has no record yet.
   *
   * @param integration a delegated integration
   * @param prompt receives the code to show, on the calling thread, before the wait begins
   * @param timeout how long to wait for the user at most
   * @return what happened: {@link DeviceCodeOutcome.SignedIn} (the refresh token is stored), {@link
   *     DeviceCodeOutcome.Declined}, {@link DeviceCodeOutcome.Expired} or {@link
   *     DeviceCodeOutcome.Pending} when the timeout passed first
   * @throws IntegrationNotFoundException if the integration does not exist (and is not the system
   *     integration)
   * @throws ConfigurationException if the integration is app-only, or its confidential app has a
   *     certificate or uses an identity HTTP client
   * @throws AuthorizationException if Microsoft refused the request (e.g. public client flows are
   *     not allowed for the app)
   * @throws TransientNetworkException if Microsoft could not be reached
   * @throws OperationInterruptedException if the calling thread was interrupted while it waited
   *     (the interrupt flag is set again); the code shown may still be entered, so a new sign-in
   *     starts over with a new code
   */
  DeviceCodeOutcome signIn(
      IntegrationKey integration, Consumer<DeviceCodePrompt> prompt, Duration timeout);
}
