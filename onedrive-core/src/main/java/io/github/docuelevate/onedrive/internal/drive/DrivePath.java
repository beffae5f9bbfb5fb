package io.github.docuelevate.onedrive.internal.drive;

import io.github.docuelevate.onedrive.InvalidDrivePathException;
import io.github.docuelevate.onedrive.internal.path.OneDrivePathRules;
import io.github.docuelevate.onedrive.internal.path.OneDrivePathRules.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked path below a drive's root: its names obey OneDrive's rules, so it can be sent. Built
 * only through {@link #parse(String)}, which refuses bad input before any request.
 *
 * @param names the names from the root down; empty for the root itself
 */
public record DrivePath(List<String> names) {
  /** The root. */
  public static final DrivePath ROOT = new DrivePath(List.of());

  /** Copies the names. */
  public DrivePath {
    names = List.copyOf(names);
  }

  /**
   * Checks a path from the caller.
   *
   * @param path names joined by {@code /}; one leading and one trailing slash are ignored; {@code
   *     ""} or {@code "/"} is the root
   * @return the checked path
   * @throws InvalidDrivePathException naming the offending part and the rule it breaks
   */
  public static DrivePath parse(String path) {
    Objects.requireNonNull(path, "path");
    Optional<Violation> violation = OneDrivePathRules.checkPath(path);
    if (violation.isPresent()) {
      throw invalid("path '" + path + "'", violation.get());
    }
    return new DrivePath(OneDrivePathRules.split(path));
  }

  /**
   * Checks a single file or folder name.
   *
   * @param name the name
   * @return the name
   * @throws InvalidDrivePathException naming the rule it breaks
   */
  public static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    Optional<Violation> violation = OneDrivePathRules.checkName(name);
    if (violation.isPresent()) {
      throw invalid("name", violation.get());
    }
    return name;
  }

  /** Returns whether this is the root. */
  public boolean isRoot() {
    return names.isEmpty();
  }

  /**
   * Returns this path with one more name.
   *
   * @throws InvalidDrivePathException if the name or the longer path breaks a rule
   */
  public DrivePath child(String name) {
    checkName(name);
    DrivePath child = new DrivePath(appended(name));
    Optional<Violation> tooLong = OneDrivePathRules.checkPathLength(child.toString());
    if (tooLong.isPresent()) {
      throw invalid("path '" + child + "'", tooLong.get());
    }
    return child;
  }

  /** Returns the first {@code count} names as a path. */
  public DrivePath prefix(int count) {
    return new DrivePath(names.subList(0, count));
  }

  /** Returns the last name, or {@code ""} for the root. */
  public String name() {
    return names.isEmpty() ? "" : names.get(names.size() - 1);
  }

  /** Returns the names percent-encoded and joined by {@code /}, for a Graph address. */
  public String encoded() {
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(encodeSegment(name));
    }
    return out.toString();
  }

  /** Returns the names joined by {@code /} without a leading slash. */
  @Override
  public String toString() {
    return String.join("/", names);
  }

  /**
   * Percent-encodes one path segment (RFC 3986): every byte of the UTF-8 form becomes {@code %XX}
   * except the unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) and {@code @ ! , :}, which a
   * segment may hold as they are and which keep user principal names and site ids readable. So
   * spaces, {@code #}, {@code %}, {@code +}, {@code &} and non-ASCII names arrive unchanged.
   *
   * @param segment the raw segment
   * @return the encoded segment
   */
  public static String encodeSegment(String segment) {
    byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '@'
          || c == '!'
          || c == ','
          || c == ':') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private List<String> appended(String name) {
    java.util.ArrayList<String> copy = new java.util.ArrayList<>(names);
    copy.add(name);
    return copy;
  }

  private static InvalidDrivePathException invalid(String what, Violation violation) {
    return new InvalidDrivePathException(
        "invalid "
            + what
            + ": '"
            + violation.subject()
            + "' breaks OneDrive's rule "
            + violation.rule()
            + " ("
            + violation.message()
            + ")",
        violation.subject());
  }
}
