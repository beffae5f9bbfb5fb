package io.github.docuelevate.onedrive.internal.drive;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads Graph's timestamps. Graph writes UTC instants as {@code 2026-12-02T04:11:55Z} or with a
 * fraction of up to seven digits ({@code 2026-12-02T04:11:55.1234567Z}); those are read directly, a
 * few times faster than {@link Instant#parse} (which a small upload spent a tenth of its client
 * time in). Any other form goes to {@link Instant#parse}, so the result is always the same as its.
 */
final class GraphTimes {
  private GraphTimes() {}

  /**
   * Parses an instant.
   *
   * @param text the text, or {@code null}
   * @return the instant, or {@code null} when {@code text} is {@code null} or not an ISO-8601 UTC
   *     instant
   */
  static @Nullable Instant parse(@Nullable String text) {
    if (text == null) {
      return null;
    }
    Instant fast = utc(text);
    if (fast != null) {
      return fast;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Reads {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}; returns {@code null} for anything else (which
   * {@link Instant#parse} then decides), including leap seconds and hours of 24.
   */
  private static @Nullable Instant utc(String s) {
    int n = s.length();
    if (n < 20
        || n > 30
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if ((year | month | day | hour | minute | second) < 0
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      // A fraction: '.' and one to nine digits before the 'Z'.
      int fractionDigits = n - 21;
      if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
        return null;
      }
      int fraction = digits(s, 20, n - 1);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = fractionDigits; i < 9; i++) {
        nanos *= 10;
      }
    } else if (s.charAt(19) != 'Z') {
      return null;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** Returns the number the ASCII digits {@code [from, to)} spell, or -1 for a non-digit. */
  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
