package io.github.docuelevate.onedrive.testkit.internal.graph;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** {@code @microsoft.graph.conflictBehavior}: what happens when the name is taken. */
enum Conflict {
  FAIL,
  REPLACE,
  RENAME;

  static Conflict parse(@Nullable String value, Conflict fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "fail":
        return FAIL;
      case "replace":
        return REPLACE;
      case "rename":
        return RENAME;
      default:
        throw GraphError.invalidRequest(
            "Invalid value for @microsoft.graph.conflictBehavior: " + value);
    }
  }
}
