package io.github.docuelevate.onedrive.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Where a command writes: results to standard output (as text, or as JSON with {@code --json}),
 * progress and messages to standard error. {@code --quiet} keeps only results and errors.
 */
final class Console {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final CliRuntime runtime;
  private final GlobalOptions options;

  Console(CliRuntime runtime, GlobalOptions options) {
    this.runtime = runtime;
    this.options = options;
  }

  /** Returns whether results are printed as JSON. */
  boolean json() {
    return options.json;
  }

  /** Prints a result line (not in JSON mode). */
  void result(String line) {
    if (!options.json) {
      runtime.out().println(line);
    }
  }

  /** Prints an informational line on standard output (not with --quiet or --json). */
  void say(String line) {
    if (!options.json && !options.quiet) {
      runtime.out().println(line);
    }
  }

  /** Prints a message on standard error (not with --quiet). */
  void note(String line) {
    if (!options.quiet) {
      runtime.err().println(line);
    }
  }

  /** Prints a value as JSON on standard output. */
  void printJson(Object value) {
    try {
      runtime.out().println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), null);
    }
  }

  /** Returns a progress bar, drawn only on a terminal and neither with --quiet nor --json. */
  ProgressBar progress(String label, long total) {
    return new ProgressBar(
        runtime.err(),
        line -> {
          say(line);
          runtime.out().flush();
        },
        runtime.terminal() && !options.quiet && !options.json,
        label,
        total,
        System::nanoTime);
  }

  /** Reports a failure on standard error, and as JSON on standard output with --json. */
  void failure(CliFailure failure) {
    runtime.err().println("onedrive: " + failure.getMessage());
    runtime.err().println("  next: " + failure.nextStep());
    if (options.verbose && failure.getCause() != null) {
      failure.getCause().printStackTrace(runtime.err());
    }
    if (options.json) {
      printJson(
          java.util.Map.of(
              "error", String.valueOf(failure.getMessage()),
              "next", failure.nextStep(),
              "exitCode", failure.exitCode()));
    }
  }
}
