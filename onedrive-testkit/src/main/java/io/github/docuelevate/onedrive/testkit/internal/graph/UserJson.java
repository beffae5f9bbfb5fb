package io.github.docuelevate.onedrive.testkit.internal.graph;

import io.github.docuelevate.onedrive.testkit.FakeUserProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renders a directory user as Graph's {@code /me} and {@code /users/{id}} do: the default
 * properties, or those {@code $select} names (a selected property the fake does not model answers
 * {@code null}, as an unset one does on Graph).
 */
final class UserJson {
  private static final Pattern PROPERTY = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

  private UserJson() {}

  static Map<String, Object> render(
      FakeUserProfile user, String graphBase, @Nullable String select) {
    Map<String, @Nullable Object> all = new LinkedHashMap<>();
    all.put("businessPhones", user.businessPhones());
    all.put("displayName", user.displayName());
    all.put("givenName", user.givenName());
    all.put("jobTitle", user.jobTitle());
    all.put("mail", user.mail());
    all.put("mobilePhone", user.mobilePhone());
    all.put("officeLocation", user.officeLocation());
    all.put("preferredLanguage", user.preferredLanguage());
    all.put("surname", user.surname());
    all.put("userPrincipalName", user.userPrincipalName());
    all.put("id", user.id());
    Map<String, Object> out = new LinkedHashMap<>();
    if (select == null || select.isBlank()) {
      out.put("@odata.context", graphBase + "/$metadata#users/$entity");
      out.putAll(all);
      return out;
    }
    List<String> names = new ArrayList<>();
    for (String part : select.split(",")) {
      String name = part.trim();
      if (!PROPERTY.matcher(name).matches()) {
        throw GraphError.invalidRequest("Invalid $select property '" + name + "'.");
      }
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    out.put(
        "@odata.context", graphBase + "/$metadata#users(" + String.join(",", names) + ")/$entity");
    for (String name : names) {
      out.put(name, all.get(name));
    }
    return out;
  }
}
