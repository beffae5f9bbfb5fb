package io.github.docuelevate.onedrive.internal.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.InvalidDrivePathException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DrivePathTest {

  @Test
  void parse_splitsNamesAndIgnoresOuterSlashes() {
    assertThat(DrivePath.parse("/Documents/Uploads/2026/").names())
        .containsExactly("Documents", "Uploads", "2026");
    assertThat(DrivePath.parse("").isRoot()).isTrue();
    assertThat(DrivePath.parse("/").isRoot()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Docs/a*b.txt|a*b.txt",
        "Docs/a:b|a:b",
        "Docs/what?|what?",
        "Docs/x<y|x<y",
        "' lead/x'|' lead'",
        "'Docs/trail '|'trail '",
        "Docs/name.|name.",
        "Docs/CON|CON",
        "Docs/lpt7|lpt7",
        "Docs/COM0|COM0",
        "Docs/.lock|.lock",
        "Docs/desktop.ini|desktop.ini",
        "Docs/~$report.docx|~$report.docx",
        "Docs/my_vti_file|my_vti_file",
        "Docs/../etc|..",
        "Docs//x|Docs//x",
      })
  void parse_refusesBadNamesNamingTheOffendingPart(String path, String offending) {
    assertThatThrownBy(() -> DrivePath.parse(path))
        .isInstanceOf(InvalidDrivePathException.class)
        .hasMessageContaining("'" + offending + "'")
        .satisfies(
            e -> assertThat(((InvalidDrivePathException) e).offendingPart()).isEqualTo(offending));
  }

  @Test
  void parse_refusesControlCharactersAndQuotes() {
    assertThatThrownBy(() -> DrivePath.parse("Docs/a\u0001b"))
        .isInstanceOf(InvalidDrivePathException.class)
        .hasMessageContaining("CONTROL_CHARACTER");
    assertThatThrownBy(() -> DrivePath.parse("Docs/say \"hi\""))
        .isInstanceOf(InvalidDrivePathException.class)
        .hasMessageContaining("FORBIDDEN_CHARACTER");
    assertThatThrownBy(() -> DrivePath.parse("Docs\\x"))
        .isInstanceOf(InvalidDrivePathException.class);
    assertThatThrownBy(() -> DrivePath.parse("Docs/a|b"))
        .isInstanceOf(InvalidDrivePathException.class)
        .hasMessageContaining("'a|b'");
  }

  @Test
  void parse_refusesTooLongNamesAndPaths() {
    assertThatThrownBy(() -> DrivePath.parse("a".repeat(256)))
        .isInstanceOf(InvalidDrivePathException.class)
        .hasMessageContaining("NAME_TOO_LONG");
    String longPath = String.join("/", java.util.Collections.nCopies(40, "abcdefghij"));
    assertThatThrownBy(() -> DrivePath.parse(longPath))
        .isInstanceOf(InvalidDrivePathException.class)
        .hasMessageContaining("PATH_TOO_LONG");
    DrivePath almost = DrivePath.parse("a".repeat(250) + "/" + "b".repeat(140));
    assertThatThrownBy(() -> almost.child("c".repeat(10)))
        .isInstanceOf(InvalidDrivePathException.class)
        .hasMessageContaining("PATH_TOO_LONG");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "100%", "C#", "a+b", "R&D", "Ünïcödé", "日本語", "emoji 😀"})
  void encodeSegment_roundTripsThroughPercentDecoding(String name) {
    String encoded = DrivePath.encodeSegment(name);
    assertThat(encoded).matches("[A-Za-z0-9._~%@!,:-]*");
    assertThat(java.net.URLDecoder.decode(encoded, java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(name);
  }

  @Test
  void encoded_escapesReservedCharactersPerSegment() {
    assertThat(DrivePath.parse("R&D/a b/100%/C#/x+y").encoded())
        .isEqualTo("R%26D/a%20b/100%25/C%23/x%2By");
  }

  @Test
  void prefixAndName_walkTheTree() {
    DrivePath path = DrivePath.parse("a/b/c");
    assertThat(path.prefix(2).names()).isEqualTo(List.of("a", "b"));
    assertThat(path.name()).isEqualTo("c");
    assertThat(path.child("d").toString()).isEqualTo("a/b/c/d");
  }
}
