package io.github.docuelevate.onedrive;

import io.github.docuelevate.onedrive.internal.wiring.ConfigurationRules;
import java.util.Objects;

/**
 * Which drive an integration works on. Delegated integrations default to {@link Me}; app-only
 * integrations must name a user, drive or site, because Graph refuses {@code /me} for them.
 *
 * <p>{@code toString()} gives a stable text form ({@code me}, {@code user:alice@contoso.com},
 * {@code drive:b!abc}, {@code site:contoso.sharepoint.com,1,2}) that {@link #parse(String)} reads
 * back; stores persist that form.
 */
public sealed interface DriveTarget {

  /** The signed-in user's own drive ({@code /me/drive}); delegated integrations only. */
  record Me() implements DriveTarget {
    @Override
    public String toString() {
      return "me";
    }
  }

  /**
   * The OneDrive of a user given by object id or user principal name ({@code /users/{id}/drive}).
   *
   * @param idOrUserPrincipalName the user's object id or UPN
   */
  record User(String idOrUserPrincipalName) implements DriveTarget {
    /** Validates the user reference. */
    public User {
      requireText(idOrUserPrincipalName, "idOrUserPrincipalName", "user");
    }

    @Override
    public String toString() {
      return "user:" + idOrUserPrincipalName;
    }
  }

  /**
   * A drive given by its id ({@code /drives/{id}}).
   *
   * @param driveId the drive id
   */
  record Drive(String driveId) implements DriveTarget {
    /** Validates the drive id. */
    public Drive {
      requireText(driveId, "driveId", "drive");
    }

    @Override
    public String toString() {
      return "drive:" + driveId;
    }
  }

  /**
   * The default document library of a SharePoint site ({@code /sites/{id}/drive}).
   *
   * @param siteId the site id
   */
  record Site(String siteId) implements DriveTarget {
    /** Validates the site id. */
    public Site {
      requireText(siteId, "siteId", "site");
    }

    @Override
    public String toString() {
      return "site:" + siteId;
    }
  }

  /** Returns the signed-in user's drive. */
  static DriveTarget me() {
    return new Me();
  }

  /**
   * Reads the text form produced by {@code toString()}.
   *
   * @param text {@code me}, {@code user:<id or UPN>}, {@code drive:<id>} or {@code site:<id>}
   * @return the drive target
   * @throws IllegalArgumentException if the text has none of these forms
   */
  static DriveTarget parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.equals("me")) {
      return new Me();
    }
    int colon = text.indexOf(':');
    if (colon > 0) {
      String kind = text.substring(0, colon);
      String value = text.substring(colon + 1);
      switch (kind) {
        case "user":
          return new User(value);
        case "drive":
          return new Drive(value);
        case "site":
          return new Site(value);
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        "a drive target is 'me', 'user:<id or UPN>', 'drive:<id>' or 'site:<id>', not '"
            + text
            + "'");
  }

  private static void requireText(String value, String name, String kind) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException("a " + kind + " drive target needs a non-blank id");
    }
    if (ConfigurationRules.unpairedSurrogate(value) >= 0) {
      throw new IllegalArgumentException(
          "a " + kind + " drive target must not contain an unpaired UTF-16 surrogate");
    }
  }
}
