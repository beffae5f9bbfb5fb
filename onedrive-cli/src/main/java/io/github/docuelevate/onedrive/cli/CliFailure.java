package io.github.docuelevate.onedrive.cli;

import org.jspecify.annotations.Nullable;

/**
 * A failure the command explains itself: what went wrong, what to do next, and the exit code. Never
 * carries a secret.
 */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String nextStep;

  CliFailure(int exitCode, String message, String nextStep) {
    this(exitCode, message, nextStep, null);
  }

  CliFailure(int exitCode, String message, String nextStep, @Nullable Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.nextStep = nextStep;
  }

  int exitCode() {
    return exitCode;
  }

  String nextStep() {
    return nextStep;
  }
}
