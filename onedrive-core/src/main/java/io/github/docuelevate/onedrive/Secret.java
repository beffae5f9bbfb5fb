package io.github.docuelevate.onedrive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value: a refresh or access token, a client secret, a PKCE code verifier or an
 * authorization code.
 *
 * <p>{@link #toString()} never shows the value, equality is constant-time, and the raw value is
 * only available through the explicit, easy to audit {@link #reveal()} call. Instances are
 * immutable and thread-safe.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @param value the secret; must not be empty
   * @return the wrapped secret
   * @throws IllegalArgumentException if {@code value} is empty
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value);
  }

  /**
   * Returns the raw secret. Every call site is a place where a secret leaves its wrapper: keep it
   * out of logs, messages and {@code toString()}.
   *
   * @return the raw value
   */
  public String reveal() {
    return value;
  }

  /** Returns the length of the secret in characters; safe to log. */
  public int length() {
    return value.length();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    // A constant: a hash of the value would leak information about it.
    return 0x5ec7e7;
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
