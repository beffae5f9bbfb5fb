package io.github.docuelevate.onedrive.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a run of the command line sees of its process: environment variables, the two output
 * streams, whether a person watches a terminal, and the user's home directory. Tests hand in their
 * own, so no test reads the real environment or writes the real configuration.
 *
 * @param environment the environment variables
 * @param out standard output: results
 * @param err standard error: progress, messages and logging
 * @param terminal whether output goes to a terminal (progress bars are drawn only then)
 * @param home the user's home directory, for the default configuration directory
 */
record CliRuntime(
    Map<String, String> environment,
    PrintStream out,
    PrintStream err,
    boolean terminal,
    Path home) {

  CliRuntime {
    environment = Map.copyOf(environment);
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(home, "home");
  }

  /** Returns the runtime of this process. */
  static CliRuntime ofProcess() {
    String home = System.getenv("HOME");
    return new CliRuntime(
        System.getenv(),
        System.out,
        System.err,
        System.console() != null,
        Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home")));
  }
}
