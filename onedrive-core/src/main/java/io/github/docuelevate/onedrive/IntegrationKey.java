package io.github.docuelevate.onedrive;

import io.github.docuelevate.onedrive.internal.wiring.ConfigurationRules;
import java.util.Objects;

/**
 * Addresses one integration: the owner (a user of the host application, or a system name such as
 * {@code system}) and the integration's id, unique per owner. Every credential is addressed by this
 * pair, so one user can never read another's.
 *
 * @param owner the owning user or system; 1 to 255 characters, no control characters, no unpaired
 *     UTF-16 surrogates
 * @param integrationId the integration's id within the owner; 1 to 255 characters, no control
 *     characters, no unpaired UTF-16 surrogates
 */
public record IntegrationKey(String owner, String integrationId) {
  /** The longest owner or integration id accepted, in characters. */
  public static final int MAX_LENGTH = 255;

  /** Validates both parts. */
  public IntegrationKey {
    check(owner, "owner");
    check(integrationId, "integrationId");
  }

  private static void check(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          name + " must have 1 to " + MAX_LENGTH + " characters, has " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(
            name + " must not contain control characters (at index " + i + ")");
      }
    }
    int lone = ConfigurationRules.unpairedSurrogate(value);
    if (lone >= 0) {
      // Stores keep keys as UTF-8: a lone surrogate has no UTF-8 form and two keys that differ
      // only in one would collide.
      throw new IllegalArgumentException(
          name + " must not contain an unpaired UTF-16 surrogate (at index " + lone + ")");
    }
  }

  @Override
  public String toString() {
    return owner + "/" + integrationId;
  }
}
