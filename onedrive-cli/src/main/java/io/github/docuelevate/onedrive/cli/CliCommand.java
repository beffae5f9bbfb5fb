package io.github.docuelevate.onedrive.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A command of the {@code onedrive} command line: takes the global options, writes through a {@link
 * Console} and returns its exit code. Failures are thrown and turned into exit codes and messages
 * by {@link Failures}.
 */
abstract class CliCommand implements Callable<Integer> {
  @Mixin GlobalOptions options = new GlobalOptions();

  final CliRuntime runtime;

  CliCommand(CliRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public final Integer call() throws Exception {
    return execute(console());
  }

  /** Returns the console for this run's options. */
  Console console() {
    return new Console(runtime, options);
  }

  /** Opens the configuration and the credential store. */
  CliSession openSession() {
    return CliSession.open(runtime, options);
  }

  /**
   * Runs the command.
   *
   * @return the exit code
   */
  abstract int execute(Console console) throws Exception;
}
