package io.github.docuelevate.onedrive.testkit.internal.graph;

import io.github.docuelevate.onedrive.testkit.FakeUserProfile;
import java.util.Optional;

/** Tells the fake Graph server which users exist, as {@code /users/{id|upn}} addresses them. */
@FunctionalInterface
public interface UserDirectory {
  /**
   * Finds a user's object id.
   *
   * @param idOrUserPrincipalName an object id or a user principal name (case-insensitive)
   * @return the object id, or empty for an unknown user
   */
  Optional<String> objectId(String idOrUserPrincipalName);

  /**
   * Tells whether a user has a personal Microsoft account, whose drive is of type {@code personal};
   * work and school drives are of type {@code business}.
   *
   * @param objectId the user's object id
   * @return whether the account is personal; {@code false} unless overridden
   */
  default boolean personal(String objectId) {
    return false;
  }

  /**
   * Returns what the directory shows for a user ({@code /me}, {@code /users/{id}}, a drive's
   * owner).
   *
   * @param objectId the user's object id
   * @return the profile, or empty when the directory keeps none (only the id is then known)
   */
  default Optional<FakeUserProfile> profile(String objectId) {
    return Optional.empty();
  }

  /**
   * Returns a user's home tenant, whose app-only tokens reach the user's drive.
   *
   * @param objectId the user's object id
   * @return the tenant id, or empty for an unknown user (whose drive no app-only token reaches)
   */
  default Optional<String> tenantId(String objectId) {
    return Optional.empty();
  }
}
