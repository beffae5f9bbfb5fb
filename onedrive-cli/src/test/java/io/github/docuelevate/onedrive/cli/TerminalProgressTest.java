package io.github.docuelevate.onedrive.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code onedrive demo} on a real terminal (a tmux pane on a private tmux server): the progress bar
 * is drawn, and the default 64 MiB run finishes in time.
 */
class TerminalProgressTest {
  private final String socket = "onedrive-cli-test-" + ProcessHandle.current().pid();
  private final String channel = "demo-done-" + System.nanoTime();

  @AfterEach
  void stopTmux() throws Exception {
    tmux("kill-server").waitFor(10, TimeUnit.SECONDS);
  }

  @Test
  void demo_onATerminal_drawsTheProgressBarAndFinishesWellUnderThirtySeconds() throws Exception {
    assumeTrue(tmuxInstalled(), "tmux is not installed");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        quote(java)
            + " -cp "
            + quote(System.getProperty("java.class.path"))
            + " "
            + OneDriveCli.class.getName()
            + " demo; echo EXIT=$?; tmux -L "
            + socket
            + " wait-for -S "
            + channel
            + "; exec cat";
    long started = System.nanoTime();
    Process session =
        tmux("new-session", "-d", "-s", "demo", "-x", "220", "-y", "60", "sh", "-c", command);
    assertThat(session.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(session.exitValue()).isZero();

    Process done = tmux("wait-for", channel);
    assertThat(done.waitFor(120, TimeUnit.SECONDS)).as("the demo ended").isTrue();
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    Process capture = tmux("capture-pane", "-p", "-t", "demo", "-S", "-200");
    String screen = new String(capture.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    capture.waitFor(10, TimeUnit.SECONDS);

    assertThat(screen).contains("EXIT=0");
    assertThat(screen).containsPattern("\\[#{28}\\] 100% 64\\.0 MiB / 64\\.0 MiB .*MiB/s .*done");
    assertThat(screen).contains("429 Too Many Requests").contains("dropped the connection");
    assertThat(screen).doesNotContain("Exception").doesNotContain("SLF4J");
    assertThat(seconds).as("seconds for the default 64 MiB demo").isLessThan(30);
  }

  private Process tmux(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
  }

  private static boolean tmuxInstalled() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "tmux"))) {
        return true;
      }
    }
    return false;
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
