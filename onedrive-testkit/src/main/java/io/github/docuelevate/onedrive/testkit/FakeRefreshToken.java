package io.github.docuelevate.onedrive.testkit;

import java.time.Instant;
import java.util.Objects;

/**
 * A refresh token the fake identity platform issued, as a test sees it through {@link
 * FakeIdentity#refreshToken(String)}: whose it is, where it sits in its line of rotations and
 * whether it would still be accepted. The token itself is not part of it.
 *
 * <p>A <em>line</em> starts with the refresh token an authorization (code, device code) issued;
 * every refresh that rotates a token of the line adds its successor to the same line. Two refreshes
 * of one token during its grace both add a successor, so a line can fork; {@link #newestOfLine()}
 * names the token issued last.
 *
 * @param userId the user's object id
 * @param clientId the app it was issued to
 * @param line identifies the line of rotations (stable for the token's life, not secret)
 * @param generation 0 for the token an authorization issued, its predecessor's plus one after
 * @param issuedAt when it was issued
 * @param state whether it would be accepted now
 * @param newestOfLine whether it is the token of its line issued last
 * @param lineRequests how many refresh-token grants presented a token of this line so far (accepted
 *     or refused): the line's token requests
 */
public record FakeRefreshToken(
    String userId,
    String clientId,
    String line,
    int generation,
    Instant issuedAt,
    State state,
    boolean newestOfLine,
    int lineRequests) {

  /** Whether a refresh token would be accepted, and if not, why. */
  public enum State {
    /** Never used for a rotating refresh: accepted, and its use rotates it. */
    CURRENT,
    /** A refresh rotated it, but its grace lasts: still accepted, without a new rotation mark. */
    SUPERSEDED_IN_GRACE,
    /** A refresh rotated it and the grace is over: refused with AADSTS70008. */
    SUPERSEDED,
    /** Revoked ("revoke sessions", a deleted user): refused with AADSTS50173. */
    REVOKED,
    /** Unused for longer than its lifetime: refused with AADSTS700082. */
    EXPIRED
  }

  /** Checks the fields. */
  public FakeRefreshToken {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(state, "state");
    if (generation < 0 || lineRequests < 0) {
      throw new IllegalArgumentException("generation and lineRequests must not be negative");
    }
  }
}
