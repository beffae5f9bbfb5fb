package io.github.docuelevate.onedrive.testkit.internal.graph;

import io.github.docuelevate.onedrive.internal.path.OneDrivePathRules;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code /v1.0/...} address: which drive, which item (by id, or by a path below an item),
 * and which action ({@code children}, {@code content}, {@code createUploadSession}, {@code delta}).
 * The path arrives percent-decoded as a whole: names can hold neither {@code /} nor {@code :}, so
 * {@code root:%2Fa%2Fb:} (one encoded segment, as the Graph SDK sends it) and {@code root:/a/b:}
 * read the same.
 *
 * @param drive how the drive is addressed, or null for a directory user ({@code /me} or {@code
 *     /users/{id|upn}}) itself
 * @param driveKey the drive id, user id/UPN or site id ("" for {@code me})
 * @param itemId the item's id ({@code root} for the root), or null for the drive itself
 * @param names the names of a path below {@code itemId} (empty when addressed by id only)
 * @param pathAddressed whether a {@code :/path:} part was given
 * @param action the action after the item ("" for the item itself); the function forms {@code
 *     delta()} and {@code delta(token='...')} the Graph SDK sends read as {@code delta}
 * @param functionToken the token of {@code delta(token='...')}, or null
 */
record GraphPath(
    @Nullable DriveBy drive,
    String driveKey,
    @Nullable String itemId,
    List<String> names,
    boolean pathAddressed,
    String action,
    @Nullable String functionToken) {

  private static final Pattern DELTA_FUNCTION = Pattern.compile("delta\\((?:token='([^']*)')?\\)");

  /** The function form at the end of a raw (still percent-encoded) path. */
  private static final Pattern RAW_DELTA_FUNCTION = Pattern.compile("/delta(\\(|%28).*$");

  /**
   * Turns a raw request path ending in {@code delta()} or {@code delta(token='...')} into one
   * ending in plain {@code delta}, so a continuation link can carry its own token; other paths
   * stay.
   */
  static String withPlainDelta(String rawPath) {
    return RAW_DELTA_FUNCTION.matcher(rawPath).replaceFirst("/delta");
  }

  /** How a request names its drive. */
  enum DriveBy {
    ME,
    ID,
    USER,
    SITE
  }

  static final Set<String> ACTIONS = Set.of("children", "content", "createUploadSession", "delta");

  static GraphPath parse(String decoded) {
    String s = decoded.startsWith("/") ? decoded.substring(1) : decoded;
    if (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.equals("me")) {
      return new GraphPath(null, "", null, List.of(), false, "", null);
    }
    DriveBy by;
    String key;
    String rest;
    if (s.equals("me/drive") || s.startsWith("me/drive/")) {
      by = DriveBy.ME;
      key = "";
      rest = s.substring("me/drive".length());
    } else if (s.startsWith("drives/")) {
      by = DriveBy.ID;
      int end = indexOrLength(s, '/', "drives/".length());
      key = s.substring("drives/".length(), end);
      rest = s.substring(end);
    } else if (s.startsWith("users/") || s.startsWith("sites/")) {
      by = s.startsWith("users/") ? DriveBy.USER : DriveBy.SITE;
      int start = "users/".length();
      int end = indexOrLength(s, '/', start);
      key = s.substring(start, end);
      rest = s.substring(end);
      if (by == DriveBy.USER && rest.isEmpty() && end > start) {
        return new GraphPath(null, key, null, List.of(), false, "", null);
      }
      if (!rest.equals("/drive") && !rest.startsWith("/drive/")) {
        throw notFound(decoded);
      }
      rest = rest.substring("/drive".length());
    } else {
      throw notFound(decoded);
    }
    if (by != DriveBy.ME && key.isEmpty()) {
      throw notFound(decoded);
    }
    if (rest.isEmpty()) {
      return new GraphPath(by, key, null, List.of(), false, "", null);
    }
    String itemId;
    if (rest.startsWith("/root")) {
      itemId = "root";
      rest = rest.substring("/root".length());
    } else if (rest.startsWith("/items/")) {
      int start = "/items/".length();
      int end = start;
      while (end < rest.length() && rest.charAt(end) != '/' && rest.charAt(end) != ':') {
        end++;
      }
      itemId = rest.substring(start, end);
      if (itemId.isEmpty()) {
        throw notFound(decoded);
      }
      rest = rest.substring(end);
    } else {
      throw notFound(decoded);
    }
    List<String> names = List.of();
    boolean pathAddressed = false;
    if (rest.startsWith(":")) {
      pathAddressed = true;
      int close = rest.indexOf(':', 1);
      String path = close < 0 ? rest.substring(1) : rest.substring(1, close);
      rest = close < 0 ? "" : rest.substring(close + 1);
      try {
        names = OneDrivePathRules.split(path);
      } catch (IllegalArgumentException e) {
        throw GraphError.invalidRequest("The path has an empty name: " + path);
      }
    }
    String action = "";
    String functionToken = null;
    if (!rest.isEmpty()) {
      if (!rest.startsWith("/")) {
        throw notFound(decoded);
      }
      action = rest.substring(1);
      Matcher function = DELTA_FUNCTION.matcher(action);
      if (function.matches()) {
        action = "delta";
        functionToken = function.group(1);
      } else if (!ACTIONS.contains(action)) {
        throw notFound(decoded);
      }
    }
    return new GraphPath(by, key, itemId, names, pathAddressed, action, functionToken);
  }

  private static int indexOrLength(String s, char c, int from) {
    int i = s.indexOf(c, from);
    return i < 0 ? s.length() : i;
  }

  private static GraphError notFound(String path) {
    return new GraphError(
        400, "invalidRequest", "Resource not found for the segment in '" + path + "'.");
  }
}
