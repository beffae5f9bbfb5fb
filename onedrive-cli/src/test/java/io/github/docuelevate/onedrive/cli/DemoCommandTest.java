package io.github.docuelevate.onedrive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code onedrive demo} in this JVM: every step passes, the faults are survived and reported. */
class DemoCommandTest {
  @TempDir Path home;

  @Test
  void demo_json_reportsEveryStepTheFaultsAndTheVerifiedHash() {
    CliHarness.Result demo = run("demo", "--size", "6M", "--entries", "250", "--json");

    assertThat(demo.exitCode()).as(demo.err()).isZero();
    JsonNode json = demo.json();
    assertThat(json.get("ok").asBoolean()).isTrue();
    assertThat(json.get("signedInAs").asText()).isEqualTo("alice@outlook.com");
    assertThat(json.get("browsedEntries").asInt()).isEqualTo(250);
    assertThat(json.get("browsedPages").asInt()).isEqualTo(3);
    JsonNode upload = json.get("upload");
    assertThat(upload.get("bytes").asLong()).isEqualTo(6L * 1024 * 1024);
    assertThat(upload.get("throttled").asInt()).isEqualTo(1);
    assertThat(upload.get("connectionResets").asInt()).isEqualTo(1);
    assertThat(upload.get("hashVerified").asBoolean()).isTrue();
    assertThat(json.get("watchDelivered").get(0).asText()).isEqualTo("Inbox/scan-0001.pdf");
    assertThat(json.get("refreshTokenRotated").asBoolean()).isTrue();
    assertThat(json.get("retries").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(json.get("steps")).hasSize(10);
    assertThat(demo.err()).doesNotContain("Exception").doesNotContain("SLF4J");
  }

  @Test
  void demo_text_saysWhatTheUploadSurvivedAndEndsWithTheSummary() {
    CliHarness.Result demo = run("demo", "--size", "5M");

    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.out())
        .contains("signed in as alice@outlook.com")
        .contains("429 Too Many Requests")
        .contains("dropped the connection")
        .contains("SHA-256 of the stored bytes matches")
        .contains("delivered: Inbox/scan-0001.pdf")
        .contains("the store kept the new one")
        .contains("step")
        .contains("retries")
        .contains("All steps passed");
    assertThat(demo.out() + demo.err()).doesNotContain("Exception").doesNotContain("at io.");
  }

  private CliHarness.Result run(String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    CliRuntime runtime =
        new CliRuntime(
            java.util.Map.of("HOME", home.toString()),
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
            false,
            home);
    int code = OneDriveCli.run(args, runtime);
    return new CliHarness.Result(
        code,
        out.toString(java.nio.charset.StandardCharsets.UTF_8),
        err.toString(java.nio.charset.StandardCharsets.UTF_8));
  }
}
