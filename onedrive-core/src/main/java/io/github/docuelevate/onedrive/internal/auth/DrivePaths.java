package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.internal.drive.DrivePath;

/** The Graph path of each kind of drive target. */
final class DrivePaths {
  private DrivePaths() {}

  static String of(DriveTarget target) {
    if (target instanceof DriveTarget.Me) {
      return "/me/drive";
    } else if (target instanceof DriveTarget.User user) {
      return "/users/" + segment(user.idOrUserPrincipalName()) + "/drive";
    } else if (target instanceof DriveTarget.Drive drive) {
      return "/drives/" + segment(drive.driveId());
    } else if (target instanceof DriveTarget.Site site) {
      return "/sites/" + segment(site.siteId()) + "/drive";
    }
    throw new IllegalArgumentException("unknown drive target " + target);
  }

  /** Percent-encodes one path segment (RFC 3986), keeping {@code @ , ! :} readable. */
  static String segment(String value) {
    return DrivePath.encodeSegment(value);
  }
}
