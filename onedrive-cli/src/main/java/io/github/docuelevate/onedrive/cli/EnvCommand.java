package io.github.docuelevate.onedrive.cli;

import io.github.docuelevate.onedrive.EnvironmentExport;
import io.github.docuelevate.onedrive.OneDrive;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code onedrive env}: the {@code ONEDRIVE_*} block that configures worker nodes the same way. */
@Command(
    name = "env",
    description = {
      "Prints the ONEDRIVE_* variables that configure worker nodes like this one.",
      "Secrets (client secret, refresh token) only with --show-secrets."
    })
final class EnvCommand extends CliCommand {
  @Option(
      names = "--show-secrets",
      description = "Include the client secret and the refresh token: keep the output secret.")
  boolean showSecrets;

  EnvCommand(CliRuntime runtime) {
    super(runtime);
  }

  @Override
  int execute(Console console) {
    try (CliSession session = openSession()) {
      OneDrive oneDrive = session.oneDrive();
      oneDrive.systemIntegration();
      EnvironmentExport export =
          oneDrive.exportEnvironment(
              OneDrive.SYSTEM_INTEGRATION,
              showSecrets ? EnvironmentExport.Secrets.INCLUDE : EnvironmentExport.Secrets.OMIT);
      if (console.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("variables", export.variables());
        json.put("omittedSecrets", export.omittedSecrets());
        console.printJson(json);
      } else {
        runtime.out().print(export.toDotEnv());
        if (!export.omittedSecrets().isEmpty()) {
          console.note(
              "left out: "
                  + String.join(", ", export.omittedSecrets())
                  + " (add --show-secrets to include them)");
        }
      }
      return ExitCode.OK;
    }
  }
}
