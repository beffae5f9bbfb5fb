package io.github.docuelevate.onedrive.cli;

import java.time.Duration;
import java.util.Locale;

/** Formats sizes, rates and durations for people. */
final class Units {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private Units() {}

  /** Returns {@code bytes} in binary units, e.g. {@code 64.0 MiB}. */
  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  /** Returns a rate in binary units per second. */
  static String rate(double bytesPerSecond) {
    return bytes((long) bytesPerSecond) + "/s";
  }

  /** Returns a short duration, e.g. {@code 850 ms}, {@code 3.2 s}, {@code 2 min 5 s}. */
  static String duration(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
  }

  /**
   * Parses a size such as {@code 64M}, {@code 512k}, {@code 1G} or {@code 1000} (bytes).
   *
   * @throws IllegalArgumentException if it is not a size
   */
  static long parseSize(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
    long factor = 1;
    if (!t.isEmpty()) {
      char last = t.charAt(t.length() - 1);
      factor =
          switch (last) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1;
          };
      if (factor > 1) {
        t = t.substring(0, t.length() - 1);
      }
    }
    try {
      long value = Long.parseLong(t.trim());
      if (value < 1) {
        throw new IllegalArgumentException("the size must be at least 1 byte, got " + text);
      }
      return Math.multiplyExact(value, factor);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "not a size: '" + text + "' (examples: 64M, 512K, 1G, 1000)", e);
    }
  }
}
