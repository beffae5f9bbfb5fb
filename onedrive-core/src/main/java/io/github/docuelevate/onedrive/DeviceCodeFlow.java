package io.github.docuelevate.onedrive;

import io.github.docuelevate.onedrive.spi.IntegrationKey;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Signs a user in on a machine without a browser (the OAuth device authorization grant): Microsoft
 * hands out a short code, the user enters it at {@link DeviceCodePrompt#verificationUri()} on any
 * other device, and the flow stores the refresh token in the integration's record like {@link
 * AuthorizationFlow#complete} does. The device code itself never leaves the library.
 *
 * <p>The app registration must allow public client flows; the sign-in runs as a public client
 * (msal4j's device-code flow), so it is refused with a {@link ConfigurationException}, before any
 * request, for an integration whose app authenticates with a secret or certificate.
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
   * @throws ConfigurationException if the integration is app-only or its app is a confidential
   *     client
   * @throws AuthorizationException if Microsoft refused the request (e.g. public client flows are
   *     not allowed for the app)
   * @throws TransientNetworkException if Microsoft could not be reached
   */
  DeviceCodeOutcome signIn(
      IntegrationKey integration, Consumer<DeviceCodePrompt> prompt, Duration timeout);
}
