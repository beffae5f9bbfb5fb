package io.github.docuelevate.onedrive;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What to show the user during a device-code sign-in. Holds no secret: the user code is useless
 * without the device code, which stays in the library.
 *
 * @param userCode the code the user enters, e.g. {@code FJ8KQHG3W}
 * @param verificationUri where the user enters it, e.g. {@code https://microsoft.com/devicelogin}
 * @param message Microsoft's instruction, naming both
 * @param expiresAt when the code stops working
 * @param interval how often the library asks Microsoft whether the user is done
 */
public record DeviceCodePrompt(
    String userCode, URI verificationUri, String message, Instant expiresAt, Duration interval) {

  /** Checks the components. */
  public DeviceCodePrompt {
    Objects.requireNonNull(userCode, "userCode");
    Objects.requireNonNull(verificationUri, "verificationUri");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(interval, "interval");
  }
}
