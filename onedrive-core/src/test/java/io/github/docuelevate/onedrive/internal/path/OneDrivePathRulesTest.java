package io.github.docuelevate.onedrive.internal.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.internal.path.OneDrivePathRules.Rule;
import io.github.docuelevate.onedrive.internal.path.OneDrivePathRules.Violation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OneDrivePathRulesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "report.pdf",
        "Quarterly report 2024",
        "a",
        ".hidden",
        "con.txt",
        "CONSOLE",
        "COM10",
        "name with #hash and %percent",
        "ünïcödé 文件.txt",
        "x~$y",
        "desktop.ini.bak",
        "..a"
      })
  void acceptedNames_passCheck(String name) {
    assertThat(OneDrivePathRules.checkName(name)).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "a\"b        | FORBIDDEN_CHARACTER",
        "a*b         | FORBIDDEN_CHARACTER",
        "a:b         | FORBIDDEN_CHARACTER",
        "a<b         | FORBIDDEN_CHARACTER",
        "a>b         | FORBIDDEN_CHARACTER",
        "a?b         | FORBIDDEN_CHARACTER",
        "a/b         | FORBIDDEN_CHARACTER",
        "a\\b        | FORBIDDEN_CHARACTER",
        "'a\\|b'     | FORBIDDEN_CHARACTER",
        "' lead'     | LEADING_SPACE",
        "'trail '    | TRAILING_SPACE",
        "trail.      | TRAILING_DOT",
        "CON         | RESERVED_NAME",
        "prn         | RESERVED_NAME",
        "Aux         | RESERVED_NAME",
        "nul         | RESERVED_NAME",
        "COM0        | RESERVED_NAME",
        "com9        | RESERVED_NAME",
        "LPT0        | RESERVED_NAME",
        "lpt9        | RESERVED_NAME",
        ".lock       | RESERVED_NAME",
        "Desktop.INI | RESERVED_NAME",
        "~$report.docx | RESERVED_PREFIX",
        "my_vti_file | RESERVED_PART",
        "_VTI_cnf    | RESERVED_PART",
        ".           | DOT_NAME",
        "..          | DOT_NAME"
      })
  void refusedNames_nameTheRule(String name, Rule rule) {
    String unescaped = name.replace("\\|", "|");
    Optional<Violation> violation = OneDrivePathRules.checkName(unescaped);
    assertThat(violation).map(Violation::rule).contains(rule);
    assertThat(violation.orElseThrow().message()).isNotBlank();
  }

  @Test
  void controlCharacters_areRefused() {
    for (char c : new char[] {'\u0000', '\t', '\n', '\r', '\u001f', '\u007f'}) {
      assertThat(OneDrivePathRules.checkName("a" + c + "b"))
          .map(Violation::rule)
          .contains(Rule.CONTROL_CHARACTER);
    }
  }

  @Test
  void unpairedSurrogates_areRefusedAndPairedOnesAccepted() {
    for (String name :
        new String[] {"a\uD800b", "a\uDC00b", "\uD83D", "ab\uDE00", "\uDE00\uD83D"}) {
      assertThat(OneDrivePathRules.checkName(name))
          .map(Violation::rule)
          .contains(Rule.UNPAIRED_SURROGATE);
    }
    assertThat(OneDrivePathRules.checkPath("Docs/a\uD800b/c.txt"))
        .map(Violation::subject)
        .contains("a\uD800b");
    assertThat(OneDrivePathRules.checkName("report \uD83D\uDCC4")).isEmpty();
    assertThat(OneDrivePathRules.unpairedSurrogate("ok \uD83D\uDCC4 \uD800")).isEqualTo(6);
    assertThat(OneDrivePathRules.unpairedSurrogate("ok \uD83D\uDCC4")).isEqualTo(-1);
  }

  @Test
  void emptyName_isRefused() {
    assertThat(OneDrivePathRules.checkName("")).map(Violation::rule).contains(Rule.EMPTY);
  }

  @Test
  void nameLength_255Accepted_256Refused() {
    assertThat(OneDrivePathRules.checkName("n".repeat(255))).isEmpty();
    assertThat(OneDrivePathRules.checkName("n".repeat(256)))
        .map(Violation::rule)
        .contains(Rule.NAME_TOO_LONG);
  }

  @Test
  void pathLength_399Accepted_400Refused() {
    String segment = "s".repeat(199);
    String path399 = segment + "/" + segment;
    assertThat(path399).hasSize(399);
    assertThat(OneDrivePathRules.checkPath(path399)).isEmpty();
    assertThat(OneDrivePathRules.checkPath("/" + path399 + "/")).isEmpty();
    assertThat(OneDrivePathRules.checkPath(path399 + "x"))
        .map(Violation::rule)
        .contains(Rule.PATH_TOO_LONG);
  }

  @Test
  void path_refusesAnyBadName() {
    assertThat(OneDrivePathRules.checkPath("ok/also ok/CON/x"))
        .map(Violation::subject)
        .contains("CON");
    assertThat(OneDrivePathRules.checkPath("a//b")).map(Violation::rule).contains(Rule.EMPTY);
    assertThat(OneDrivePathRules.checkPath("Docs/2024/report.pdf")).isEmpty();
  }

  @Test
  void split_ignoresOuterSlashesAndRefusesEmptyNames() {
    assertThat(OneDrivePathRules.split("/a/b/")).isEqualTo(List.of("a", "b"));
    assertThat(OneDrivePathRules.split("/")).isEmpty();
    assertThat(OneDrivePathRules.split("")).isEmpty();
    assertThatThrownBy(() -> OneDrivePathRules.split("a//b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
