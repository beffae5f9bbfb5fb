package io.github.docuelevate.onedrive.testkit.internal.identity;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code scope} parameter: OpenID Connect scopes plus permissions of one resource, either
 * named or {@code /.default}.
 *
 * @param oidc {@code openid}, {@code profile}, {@code email}, {@code offline_access} as requested
 * @param permissions named Graph permissions (short form, e.g. {@code Files.ReadWrite.All})
 * @param dotDefault whether {@code https://graph.microsoft.com/.default} was requested
 */
record ScopeRequest(Set<String> oidc, Set<String> permissions, boolean dotDefault) {
  /** The Graph resource. */
  static final String GRAPH = "https://graph.microsoft.com";

  private static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
  private static final Set<String> OIDC = Set.of("openid", "profile", "email", "offline_access");
  private static final Set<String> KNOWN_GRAPH_PERMISSIONS =
      Set.of(
          "User.Read",
          "User.ReadBasic.All",
          "User.Read.All",
          "Files.Read",
          "Files.Read.All",
          "Files.ReadWrite",
          "Files.ReadWrite.All",
          "Files.ReadWrite.AppFolder",
          "Files.SelectedOperations.Selected",
          "Sites.Read.All",
          "Sites.ReadWrite.All",
          "Sites.Selected");

  ScopeRequest {
    oidc = Set.copyOf(oidc);
    permissions = Set.copyOf(permissions);
  }

  /**
   * Parses a space-separated scope parameter.
   *
   * @throws AadError for an unknown scope, another resource or a mix of resources
   */
  static ScopeRequest parse(@Nullable String raw) {
    Set<String> oidc = new LinkedHashSet<>();
    Set<String> permissions = new LinkedHashSet<>();
    boolean dotDefault = false;
    if (raw != null) {
      for (String scope : raw.trim().split("\\s+")) {
        if (scope.isEmpty()) {
          continue;
        }
        String lower = scope.toLowerCase(Locale.ROOT);
        if (OIDC.contains(lower)) {
          oidc.add(lower);
          continue;
        }
        String resource = GRAPH;
        String name = scope;
        int slash = scope.lastIndexOf('/');
        if (lower.startsWith("https://") || lower.startsWith("api://") || slash > 0) {
          resource = scope.substring(0, Math.max(slash, 0));
          name = scope.substring(slash + 1);
        }
        if (!isGraph(resource)) {
          throw new AadError(
              400,
              "invalid_resource",
              500011,
              "The resource principal named "
                  + resource
                  + " was not found in the tenant. This can happen if the application has not"
                  + " been installed by the administrator of the tenant.");
        }
        if (name.equals(".default")) {
          dotDefault = true;
        } else {
          String known = canonical(name);
          if (known == null) {
            throw AadError.invalidScope(
                70011,
                "The provided request must include a 'scope' input parameter. The provided value"
                    + " for the input parameter 'scope' is not valid. The scope "
                    + scope
                    + " is not valid.");
          }
          permissions.add(known);
        }
      }
    }
    if (dotDefault && !permissions.isEmpty()) {
      throw AadError.invalidScope(
          70011,
          "The provided value for the input parameter 'scope' is not valid. The scope "
              + raw
              + " is not valid. static scope limit exceeded.");
    }
    return new ScopeRequest(oidc, permissions, dotDefault);
  }

  /** Returns the permissions this request resolves to for an app's delegated permissions. */
  Set<String> resolve(Collection<String> appDelegated) {
    return dotDefault ? Set.copyOf(appDelegated) : permissions;
  }

  /** Returns whether no resource permission was named (only OpenID Connect scopes). */
  boolean resourceless() {
    return !dotDefault && permissions.isEmpty();
  }

  /** Formats granted permissions and OpenID scopes as the token response's {@code scope}. */
  static String format(Collection<String> permissions, Collection<String> oidc) {
    Set<String> out = new LinkedHashSet<>();
    permissions.stream().sorted().map(p -> GRAPH + "/" + p).forEach(out::add);
    oidc.stream().filter(s -> !s.equals("offline_access")).sorted().forEach(out::add);
    if (oidc.contains("offline_access")) {
      out.add("offline_access");
    }
    return out.stream().collect(Collectors.joining(" "));
  }

  private static boolean isGraph(String resource) {
    String r = resource.toLowerCase(Locale.ROOT);
    return r.equals(GRAPH) || r.equals(GRAPH + "/") || r.equals(GRAPH_APP_ID);
  }

  private static @Nullable String canonical(String name) {
    for (String known : KNOWN_GRAPH_PERMISSIONS) {
      if (known.equalsIgnoreCase(name)) {
        return known;
      }
    }
    return null;
  }
}
