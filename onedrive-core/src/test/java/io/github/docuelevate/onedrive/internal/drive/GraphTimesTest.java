package io.github.docuelevate.onedrive.internal.drive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GraphTimesTest {
  /** What {@link Instant#parse} makes of a text, {@code null} where it refuses it. */
  private static @Nullable Instant reference(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Test
  void readsGraphsFormsAsInstantParseDoes() {
    SplittableRandom random = new SplittableRandom(20261202);
    for (int i = 0; i < 20_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong(-62_135_596_800L, 253_402_300_799L), random.nextInt(1_000_000_000));
      String full = instant.toString(); // yyyy-MM-ddTHH:mm:ss[.fff[fff[fff]]]Z
      int dot = full.indexOf('.');
      String whole = dot < 0 ? full.substring(0, full.length() - 1) : full.substring(0, dot);
      String fraction = dot < 0 ? "" : full.substring(dot + 1, full.length() - 1);
      int digits = random.nextInt(10);
      String text =
          digits == 0
              ? whole + "Z"
              : whole + "." + (fraction + "000000000").substring(0, digits) + "Z";
      assertThat(GraphTimes.parse(text)).as(text).isEqualTo(reference(text));
    }
  }

  @Test
  void readsTheExamplesGraphDocuments() {
    assertThat(GraphTimes.parse("2026-12-02T04:11:55Z"))
        .isEqualTo(Instant.ofEpochSecond(1_796_184_715L));
    assertThat(GraphTimes.parse("2017-08-07T16:16:30.1234567Z"))
        .isEqualTo(Instant.parse("2017-08-07T16:16:30.1234567Z"));
    assertThat(GraphTimes.parse("1970-01-01T00:00:00.000Z")).isEqualTo(Instant.EPOCH);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2016-12-31T23:59:60Z",
        "2026-12-02T24:00:00Z",
        "2026-02-30T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-12-02t04:11:55z",
        "2026-12-02T04:11:55+01:00",
        "2026-12-02T04:11:55.Z",
        "2026-12-02T04:11:55.1234567890Z",
        "2026-12-02T04:11:5aZ",
        "2026-12-02 04:11:55Z",
        "+12026-12-02T04:11:55Z",
        "-0001-12-02T04:11:55Z",
        "2026-12-02T04:11Z",
        "2026-12-02T04:11:55",
        "",
        "not a time"
      })
  void agreesWithInstantParseOnEveryOtherForm(String text) {
    assertThat(GraphTimes.parse(text)).isEqualTo(reference(text));
  }

  @Test
  void nullIsNull() {
    assertThat(GraphTimes.parse(null)).isNull();
  }
}
