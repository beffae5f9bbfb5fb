package io.github.docuelevate.onedrive.testkit.internal.graph;

import io.github.docuelevate.onedrive.testkit.internal.http.AccessTokenInfo;
import io.github.docuelevate.onedrive.testkit.internal.http.AccessTokenValidator;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks bearer tokens the way Graph does: 401 {@code InvalidAuthenticationToken} for a missing,
 * unknown, expired or wrong-audience token; 403 for a token without the permission the request
 * needs.
 */
final class GraphAuth {
  static final Set<String> AUDIENCES =
      Set.of(
          "https://graph.microsoft.com",
          "https://graph.microsoft.com/",
          "00000003-0000-0000-c000-000000000000");

  private static final String WWW_AUTHENTICATE =
      "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\","
          + " client_id=\"00000003-0000-0000-c000-000000000000\"";

  private static final Set<String> READ =
      Set.of(
          "files.read",
          "files.readwrite",
          "files.read.all",
          "files.readwrite.all",
          "files.readwrite.appfolder",
          "sites.read.all",
          "sites.readwrite.all",
          "sites.manage.all",
          "sites.fullcontrol.all",
          ".default");
  private static final Set<String> WRITE =
      Set.of(
          "files.readwrite",
          "files.readwrite.all",
          "files.readwrite.appfolder",
          "sites.readwrite.all",
          "sites.manage.all",
          "sites.fullcontrol.all",
          ".default");

  private final AccessTokenValidator validator;

  GraphAuth(AccessTokenValidator validator) {
    this.validator = validator;
  }

  /** Returns the request's valid token, or throws the error Graph would answer. */
  AccessTokenInfo authenticate(@Nullable String authorization, Instant now) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || authorization.substring(7).isBlank()) {
      throw unauthenticated("Access token is empty.");
    }
    String token = authorization.substring(7).trim();
    AccessTokenInfo info =
        validator
            .lookup(token)
            .orElseThrow(
                () ->
                    unauthenticated(
                        "IDX14100: JWT is not well formed, there are no dots (.). The token needs"
                            + " to be in JWS or JWE Compact Serialization Format."));
    if (!now.isBefore(info.expiresAt())) {
      throw unauthenticated("Access token has expired or is not yet valid.");
    }
    if (!AUDIENCES.contains(info.audience())) {
      throw unauthenticated("Invalid audience.");
    }
    if (info.scopes().isEmpty() && info.roles().isEmpty()) {
      throw new GraphError(
          403, "AccessDenied", "Either scp or roles claim need to be present in the token.");
    }
    return info;
  }

  /** Throws 403 accessDenied unless the token may read ({@code write=false}) or write. */
  void requirePermission(AccessTokenInfo info, boolean write, boolean ownDrive) {
    Set<String> granted = normalise(info.appOnly() ? info.roles() : info.scopes());
    Set<String> needed = write ? WRITE : READ;
    for (String permission : granted) {
      if (!needed.contains(permission)) {
        continue;
      }
      boolean tenantWide =
          permission.endsWith(".all") || permission.equals(".default") || info.appOnly();
      if (ownDrive || tenantWide) {
        return;
      }
    }
    throw accessDenied();
  }

  /** The 403 Graph answers a token that may not reach the resource. */
  static GraphError accessDenied() {
    return new GraphError(
        403,
        "accessDenied",
        "Access denied. You do not have permission to perform this action or access this"
            + " resource.");
  }

  static GraphError unauthenticated(String message) {
    return new GraphError(401, "InvalidAuthenticationToken", message)
        .header("WWW-Authenticate", WWW_AUTHENTICATE);
  }

  /** Lower-cases scopes and strips a resource prefix ({@code https://graph.microsoft.com/}). */
  private static Set<String> normalise(Set<String> permissions) {
    Set<String> out = new HashSet<>();
    for (String permission : permissions) {
      String p = permission.toLowerCase(Locale.ROOT);
      int slash = p.lastIndexOf('/');
      out.add(slash >= 0 ? p.substring(slash + 1) : p);
    }
    return out;
  }
}
