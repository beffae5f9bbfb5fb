package io.github.docuelevate.onedrive.cli;

import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code onedrive} command: {@code onedrive demo} first, then the commands that use a real
 * OneDrive. Exit codes are listed in {@link ExitCode}.
 */
@Command(
    name = "onedrive",
    mixinStandardHelpOptions = true,
    versionProvider = OneDriveCli.Version.class,
    description = "OneDrive from the command line, and a demo of the OneDrive for Java library.",
    footer = {
      "",
      "Start with `onedrive demo` (no network, no account).",
      "Exit codes: 0 ok, 1 failure, 2 usage or configuration, 3 needs sign-in (`onedrive login`),",
      "4 not found, 5 name taken, 6 throttled (wait and run again), 130 interrupted."
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      DemoCommand.class,
      LoginCommand.class,
      WhoamiCommand.class,
      LsCommand.class,
      MkdirCommand.class,
      UploadCommand.class,
      DownloadCommand.class,
      RmCommand.class,
      WatchCommand.class,
      EnvCommand.class,
      KeysCommand.class,
      StatusCommand.class,
    })
public final class OneDriveCli implements Runnable {
  @Spec CommandSpec spec;

  OneDriveCli() {}

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command; start with `onedrive demo`");
  }

  /**
   * Runs the command line and exits with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    configureLogging(Arrays.asList(args));
    System.exit(run(args, CliRuntime.ofProcess()));
  }

  /** Runs the command line in {@code runtime} and returns the exit code. */
  static int run(String[] args, CliRuntime runtime) {
    CommandLine commandLine = new CommandLine(new OneDriveCli(), new Factory(runtime));
    commandLine
        .setOut(new java.io.PrintWriter(runtime.out(), true))
        .setErr(new java.io.PrintWriter(runtime.err(), true))
        .setExecutionExceptionHandler(
            (failure, failed, parseResult) -> {
              Object command = failed.getCommand();
              Console console =
                  command instanceof CliCommand cli
                      ? cli.console()
                      : new Console(runtime, new GlobalOptions());
              CliFailure described =
                  failure instanceof InterruptedException
                      ? new CliFailure(
                          ExitCode.INTERRUPTED,
                          "interrupted",
                          "run the command again; an upload resumes where it stopped",
                          failure)
                      : Failures.describe(failure);
              console.failure(described);
              return described.exitCode();
            });
    return commandLine.execute(args);
  }

  /**
   * Sets up the logging backend before the first logger exists: standard error, quiet unless {@code
   * --verbose} (the library's own messages), nothing at all with {@code --quiet}.
   */
  static void configureLogging(List<String> args) {
    boolean verbose = args.contains("--verbose") || args.contains("-v");
    boolean quiet = args.contains("--quiet") || args.contains("-q");
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.showLogName", "true");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    setIfAbsent(
        "org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : quiet ? "off" : "error");
    setIfAbsent(
        "org.slf4j.simpleLogger.log.io.github.docuelevate",
        verbose ? "debug" : quiet ? "off" : "error");
    // msal4j logs every refused token request as an error; the command explains those itself.
    setIfAbsent("org.slf4j.simpleLogger.log.com.microsoft.aad.msal4j", verbose ? "info" : "off");
  }

  private static void setIfAbsent(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  /** Creates commands with the run's {@link CliRuntime}. */
  private static final class Factory implements CommandLine.IFactory {
    private final CliRuntime runtime;

    Factory(CliRuntime runtime) {
      this.runtime = runtime;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (CliCommand.class.isAssignableFrom(type) || CommandGroup.class.isAssignableFrom(type)) {
        Constructor<K> constructor = type.getDeclaredConstructor(CliRuntime.class);
        constructor.setAccessible(true);
        return constructor.newInstance(runtime);
      }
      return CommandLine.defaultFactory().create(type);
    }
  }

  /** Reads the version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = OneDriveCli.class.getPackage().getImplementationVersion();
      return new String[] {"onedrive " + (version == null ? "(development build)" : version)};
    }
  }
}
