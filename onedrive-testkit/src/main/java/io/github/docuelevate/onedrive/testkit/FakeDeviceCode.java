package io.github.docuelevate.onedrive.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A device code the fake identity platform issued at {@code /{tenant}/oauth2/v2.0/devicecode}, as a
 * test sees it: the code the user would type, who asked and where it stands. The {@code
 * device_code} itself (a credential of the polling client) is not part of it.
 *
 * @param userCode the short code shown to the user, e.g. {@code FJ8KQHG3W}
 * @param clientId the app that asked for it
 * @param permissions the Graph permissions requested, e.g. {@code Files.ReadWrite.All}
 * @param status where the sign-in stands
 * @param polls how many token requests the client sent with this code so far
 * @param expiresAt when the code stops working ({@code expires_in} after issue)
 * @param interval the polling interval the client was told
 * @param userId the object id of the user who approved or declined it, or {@code null}
 */
public record FakeDeviceCode(
    String userCode,
    String clientId,
    Set<String> permissions,
    Status status,
    int polls,
    Instant expiresAt,
    Duration interval,
    @Nullable String userId) {

  /** Where a device-code sign-in stands. */
  public enum Status {
    /** Nobody has entered the code yet: polls answer {@code authorization_pending}. */
    PENDING,
    /** A user signed in and consented: the next poll gets the tokens. */
    APPROVED,
    /** The user declined: polls answer {@code authorization_declined}. */
    DECLINED,
    /** The client got its tokens; the code is used up. */
    REDEEMED,
    /** The code's lifetime passed before it was redeemed: polls answer {@code expired_token}. */
    EXPIRED
  }

  /** Validates and copies the fields. */
  public FakeDeviceCode {
    Objects.requireNonNull(userCode, "userCode");
    Objects.requireNonNull(clientId, "clientId");
    permissions = Set.copyOf(permissions);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(interval, "interval");
  }
}
