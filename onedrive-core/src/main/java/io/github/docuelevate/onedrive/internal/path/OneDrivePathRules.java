package io.github.docuelevate.onedrive.internal.path;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The file and folder names OneDrive (personal and work/school) refuses, and the limit on a whole
 * path. The library checks names with this table before sending a request; the testkit's fake Graph
 * server refuses the same names with the same error Graph sends ({@code 400 invalidRequest}).
 *
 * <p>Rules: no {@code " * : < > ? / \ |}, no control characters and no unpaired UTF-16 surrogates;
 * no leading or trailing space; no trailing dot; not {@code CON}, {@code PRN}, {@code AUX}, {@code
 * NUL}, {@code COM0}-{@code COM9}, {@code LPT0}-{@code LPT9}, {@code .lock} or {@code desktop.ini}
 * (any case); not starting with {@code ~$}; no {@code _vti_} anywhere; not {@code .} or {@code ..};
 * at most {@value #MAX_NAME_LENGTH} characters. A path (its names joined by {@code /}, without a
 * leading slash) has fewer than {@value #MAX_PATH_LENGTH_EXCLUSIVE} characters. Lengths count
 * UTF-16 code units.
 */
public final class OneDrivePathRules {
  /** The longest name OneDrive accepts. */
  public static final int MAX_NAME_LENGTH = 255;

  /** A path must be shorter than this. */
  public static final int MAX_PATH_LENGTH_EXCLUSIVE = 400;

  /** The error code Graph answers a refused name or path with (HTTP 400). */
  public static final String GRAPH_ERROR_CODE = "invalidRequest";

  /** The characters no name may contain. */
  public static final String FORBIDDEN_CHARACTERS = "\"*:<>?/\\|";

  private static final Set<String> RESERVED_NAMES = reservedNames();

  /** Why a name or path is refused. */
  public enum Rule {
    /** The name is empty (or a path has an empty segment). */
    EMPTY,
    /** The name has more than {@value #MAX_NAME_LENGTH} characters. */
    NAME_TOO_LONG,
    /** The path has {@value #MAX_PATH_LENGTH_EXCLUSIVE} characters or more. */
    PATH_TOO_LONG,
    /** The name contains one of {@code " * : < > ? / \ |}. */
    FORBIDDEN_CHARACTER,
    /** The name contains a control character (U+0000-U+001F, U+007F). */
    CONTROL_CHARACTER,
    /**
     * The name contains an unpaired UTF-16 surrogate (U+D800-U+DFFF without its partner): it has no
     * UTF-8 form, so it cannot be sent, and an encoder would silently turn it into {@code ?}.
     */
    UNPAIRED_SURROGATE,
    /** The name starts with a space. */
    LEADING_SPACE,
    /** The name ends with a space. */
    TRAILING_SPACE,
    /** The name ends with a dot. */
    TRAILING_DOT,
    /** The name is a reserved device or system name ({@code CON}, {@code .lock}, ...). */
    RESERVED_NAME,
    /** The name starts with {@code ~$} (Office lock files). */
    RESERVED_PREFIX,
    /** The name contains {@code _vti_}. */
    RESERVED_PART,
    /** The name is {@code .} or {@code ..}. */
    DOT_NAME
  }

  /**
   * A refused name or path.
   *
   * @param rule the rule it breaks
   * @param subject the name or path that breaks it
   * @param message a human-readable explanation, like the one Graph sends
   */
  public record Violation(Rule rule, String subject, String message) {
    /** Checks that no component is null. */
    public Violation {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(message, "message");
    }
  }

  private OneDrivePathRules() {}

  /**
   * Checks one file or folder name.
   *
   * @param name the name (not a path)
   * @return the first rule it breaks, or empty when OneDrive accepts it
   */
  public static Optional<Violation> checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      return refuse(Rule.EMPTY, name, "The name is empty.");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return refuse(
          Rule.NAME_TOO_LONG,
          name,
          "The name has " + name.length() + " characters; at most " + MAX_NAME_LENGTH + " fit.");
    }
    int lone = unpairedSurrogate(name);
    if (lone >= 0) {
      return refuse(
          Rule.UNPAIRED_SURROGATE,
          name,
          "The name contains an unpaired UTF-16 surrogate (U+"
              + String.format(Locale.ROOT, "%04X", (int) name.charAt(lone))
              + " at index "
              + lone
              + "), which no file name can hold.");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (FORBIDDEN_CHARACTERS.indexOf(c) >= 0) {
        return refuse(
            Rule.FORBIDDEN_CHARACTER,
            name,
            "The provided name cannot contain any illegal characters (" + c + ").");
      }
      if (c < 0x20 || c == 0x7F) {
        return refuse(
            Rule.CONTROL_CHARACTER,
            name,
            "The provided name cannot contain control characters (U+"
                + String.format(Locale.ROOT, "%04X", (int) c)
                + ").");
      }
    }
    if (name.equals(".") || name.equals("..")) {
      return refuse(Rule.DOT_NAME, name, "The name '" + name + "' is not allowed.");
    }
    if (name.charAt(0) == ' ') {
      return refuse(Rule.LEADING_SPACE, name, "The name contains an invalid leading space.");
    }
    char last = name.charAt(name.length() - 1);
    if (last == ' ') {
      return refuse(
          Rule.TRAILING_SPACE, name, "Path (" + name + ") contains invalid trailing character.");
    }
    if (last == '.') {
      return refuse(
          Rule.TRAILING_DOT, name, "Path (" + name + ") contains invalid trailing character.");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (RESERVED_NAMES.contains(lower)) {
      return refuse(Rule.RESERVED_NAME, name, "The name '" + name + "' is reserved.");
    }
    if (name.startsWith("~$")) {
      return refuse(Rule.RESERVED_PREFIX, name, "Names starting with '~$' are not allowed.");
    }
    if (lower.contains("_vti_")) {
      return refuse(Rule.RESERVED_PART, name, "Names containing '_vti_' are not allowed.");
    }
    return Optional.empty();
  }

  /**
   * Checks a path relative to a drive's root: each name, then the whole length.
   *
   * @param path names joined by {@code /}; one leading and one trailing slash are ignored
   * @return the first rule it breaks, or empty when OneDrive accepts it
   */
  public static Optional<Violation> checkPath(String path) {
    List<String> names;
    try {
      names = split(path);
    } catch (IllegalArgumentException e) {
      return refuse(Rule.EMPTY, path, "The path has an empty name.");
    }
    for (String name : names) {
      Optional<Violation> violation = checkName(name);
      if (violation.isPresent()) {
        return violation;
      }
    }
    return checkPathLength(String.join("/", names));
  }

  /**
   * Checks only the length of a path whose names were already checked.
   *
   * @param path names joined by {@code /}, without a leading slash
   * @return {@link Rule#PATH_TOO_LONG} when too long, else empty
   */
  public static Optional<Violation> checkPathLength(String path) {
    if (path.length() >= MAX_PATH_LENGTH_EXCLUSIVE) {
      return refuse(
          Rule.PATH_TOO_LONG,
          path,
          "The path has "
              + path.length()
              + " characters; it must be shorter than "
              + MAX_PATH_LENGTH_EXCLUSIVE
              + ".");
    }
    return Optional.empty();
  }

  /**
   * Splits a path into its names; the root ({@code ""} or {@code "/"}) has none.
   *
   * @param path names joined by {@code /}; one leading and one trailing slash are ignored
   * @return the names, in order
   * @throws IllegalArgumentException if the path has an empty name ({@code a//b})
   */
  public static List<String> split(String path) {
    Objects.requireNonNull(path, "path");
    String trimmed = path;
    if (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    List<String> names = new ArrayList<>();
    if (trimmed.isEmpty()) {
      return names;
    }
    for (String name : trimmed.split("/", -1)) {
      if (name.isEmpty()) {
        throw new IllegalArgumentException("the path has an empty name");
      }
      names.add(name);
    }
    return names;
  }

  /**
   * Finds the first unpaired UTF-16 surrogate: a high surrogate not followed by a low one, or a low
   * surrogate not preceded by a high one. Such text has no UTF-8 form; encoders replace it with
   * {@code ?}, so two different strings would reach the server (or a store) as the same one.
   *
   * @param text the text
   * @return the index of the first unpaired surrogate, or -1 when there is none
   */
  public static int unpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static Optional<Violation> refuse(Rule rule, String subject, String message) {
    return Optional.of(new Violation(rule, subject, message));
  }

  private static Set<String> reservedNames() {
    List<String> names = new ArrayList<>(List.of("con", "prn", "aux", "nul", ".lock"));
    names.add("desktop.ini");
    for (int i = 0; i <= 9; i++) {
      names.add("com" + i);
      names.add("lpt" + i);
    }
    return Set.copyOf(names);
  }
}
