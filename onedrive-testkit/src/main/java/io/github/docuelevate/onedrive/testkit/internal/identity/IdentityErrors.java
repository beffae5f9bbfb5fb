package io.github.docuelevate.onedrive.testkit.internal.identity;

import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import java.io.IOException;
import java.time.Instant;

/** Sends identity-platform-shaped errors from outside this package (fault injection). */
public final class IdentityErrors {
  private IdentityErrors() {}

  /**
   * Sends an error as the token endpoint would.
   *
   * @param exchange the request
   * @param now the time for the {@code timestamp}
   * @param status the HTTP status
   * @param error the OAuth error
   * @param code the {@code AADSTS} number
   * @param description the message after the code
   * @throws IOException if the connection fails
   */
  public static void send(
      FakeExchange exchange, Instant now, int status, String error, int code, String description)
      throws IOException {
    new AadError(status, error, code, description).send(exchange, now);
  }
}
