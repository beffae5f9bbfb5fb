package io.github.docuelevate.onedrive.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands (such as {@code onedrive keys}); alone it is a usage
 * error.
 */
abstract class CommandGroup implements Runnable {
  @Spec CommandSpec spec;

  final CliRuntime runtime;

  CommandGroup(CliRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a subcommand of `" + spec.qualifiedName() + "`");
  }
}
