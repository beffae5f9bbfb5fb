package io.github.docuelevate.onedrive.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * Checks the built standalone jar (run in the {@code verify} phase, after {@code package}): it
 * carries no test libraries, stays small, and runs.
 */
class StandaloneJarCheck {
  /** The jar was 14 MB while it carried AssertJ, ByteBuddy and JUnit. */
  private static final long MAX_BYTES = 8L * 1024 * 1024;

  private static Path jar() {
    String path = System.getProperty("standalone.jar");
    assertThat(path).as("system property standalone.jar").isNotBlank();
    return Path.of(path);
  }

  @Test
  void standaloneJar_carriesNoTestLibraries_andStaysSmall() throws IOException {
    Path jar = jar();
    List<String> names;
    try (JarFile file = new JarFile(jar.toFile())) {
      names = file.stream().map(ZipEntry::getName).toList();
    }

    assertThat(Files.size(jar)).isLessThan(MAX_BYTES);
    assertThat(names)
        .contains("io/github/docuelevate/onedrive/testkit/FakeMicrosoftMain.class")
        .noneMatch(n -> n.startsWith("org/assertj/"))
        .noneMatch(n -> n.startsWith("net/bytebuddy/"))
        .noneMatch(n -> n.startsWith("org/junit/"))
        .noneMatch(n -> n.startsWith("org/opentest4j/"))
        .noneMatch(n -> n.startsWith("io/github/docuelevate/onedrive/testkit/store/"))
        .noneMatch(n -> n.contains("OneDriveFakeExtension"));
  }

  @Test
  void standaloneJar_printsHelpAndExitsZero() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar().toString(),
                "--help")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("--tls-name NAME");
  }
}
