package io.github.docuelevate.onedrive.cli;

/** Drive paths as people type them: {@code /Documents/}, {@code Documents}, {@code /}. */
final class Paths {
  private Paths() {}

  /** Returns the path without leading or trailing slashes ({@code ""} for the root). */
  static String normalize(String path) {
    String p = path.trim();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /** Returns the parent of a normalized path ({@code ""} for a top-level item). */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** Returns the last name of a normalized path. */
  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
