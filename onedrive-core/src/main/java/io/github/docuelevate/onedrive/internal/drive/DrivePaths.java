package io.github.docuelevate.onedrive.internal.drive;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import org.jspecify.annotations.Nullable;

/** The Graph path of the drive an integration works on, before its id is known. */
public final class DrivePaths {
  private DrivePaths() {}

  /**
   * Returns the Graph path of a record's drive.
   *
   * @param record the integration's record
   * @return e.g. {@code /me/drive} or {@code /drives/b!abc}, each id percent-encoded
   * @throws ConfigurationException for an app-only record without an explicit drive target
   */
  public static String of(StoredIntegration record) {
    return of(record.driveTarget(), record.accountType());
  }

  /**
   * Returns the Graph path of a drive target as an account type addresses it.
   *
   * @param target the drive target; {@code null} means the signed-in user's drive
   * @param type the account type
   * @return e.g. {@code /me/drive}, {@code /users/alice@contoso.com/drive}, {@code /drives/b!abc}
   *     or {@code /sites/{id}/drive}, each id percent-encoded
   * @throws ConfigurationException if the account type cannot use the target (app-only and {@code
   *     me} or none)
   */
  public static String of(@Nullable DriveTarget target, AccountType type) {
    DriveTarget effective = target == null ? DriveTarget.me() : target;
    if (effective instanceof DriveTarget.Me) {
      if (type == AccountType.APP_ONLY) {
        throw new ConfigurationException(
            "app-only integrations need an explicit drive target (user, drive or site); Graph"
                + " refuses /me to app-only tokens");
      }
      return "/me/drive";
    } else if (effective instanceof DriveTarget.User user) {
      return "/users/" + DrivePath.encodeSegment(user.idOrUserPrincipalName()) + "/drive";
    } else if (effective instanceof DriveTarget.Drive drive) {
      return "/drives/" + DrivePath.encodeSegment(drive.driveId());
    } else if (effective instanceof DriveTarget.Site site) {
      return "/sites/" + DrivePath.encodeSegment(site.siteId()) + "/drive";
    }
    throw new IllegalArgumentException("unknown drive target " + target);
  }
}
