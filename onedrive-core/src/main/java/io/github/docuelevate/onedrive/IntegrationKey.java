package io.github.docuelevate.onedrive;

import io.github.docuelevate.onedrive.internal.wiring.ConfigurationRules;
import java.util.Objects;

/**
 * Addresses one integration: the owner (a user of the host application) and the integration's id,
 * unique per owner. Every credential is addressed by this pair.
 *
 * <p>Owners starting with {@value #RESERVED_OWNER_PREFIX} belong to the library ({@link
 * OneDrive#SYSTEM_INTEGRATION} lives there): {@link OneDrive#createIntegration} refuses them, so a
 * host user called {@code system} with an integration called {@code default} is an integration of
 * its own and never the system integration.
 *
 * <p><b>Where isolation is enforced.</b> {@link AuthorizationFlow#complete} checks that the owner
 * passed in (the signed-in user of the host application) is the owner the authorization was begun
 * for, so a callback cannot be replayed into another user's integration. {@link
 * OneDrive#integration(IntegrationKey)}, {@link OneDrive#integrations(String)} and {@link
 * OneDrive#deleteIntegration} trust the caller: the library cannot know who is signed in to the
 * host, so the host must build every key from its own session, never from request parameters.
 *
 * <pre>{@code
 * // Right: the owner comes from the host's authenticated session.
 * IntegrationKey key = new IntegrationKey(session.userId(), request.param("integration"));
 * OneDriveIntegration mine = oneDrive.integration(key);
 *
 * // Wrong: the owner comes from the request, so any user can address any user's integration.
 * IntegrationKey any = new IntegrationKey(request.param("owner"), request.param("integration"));
 * }</pre>
 *
 * @param owner the owning user or system; 1 to 255 characters, no control characters, no unpaired
 *     UTF-16 surrogates
 * @param integrationId the integration's id within the owner; 1 to 255 characters, no control
 *     characters, no unpaired UTF-16 surrogates
 */
public record IntegrationKey(String owner, String integrationId) {
  /** The longest owner or integration id accepted, in characters. */
  public static final int MAX_LENGTH = 255;

  /** The start of the owners reserved for the library's own integrations. */
  public static final String RESERVED_OWNER_PREFIX = "onedrive:";

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

  /** Returns whether the owner is reserved for the library ({@link #RESERVED_OWNER_PREFIX}). */
  public boolean reserved() {
    return owner.startsWith(RESERVED_OWNER_PREFIX);
  }

  @Override
  public String toString() {
    return owner + "/" + integrationId;
  }
}
