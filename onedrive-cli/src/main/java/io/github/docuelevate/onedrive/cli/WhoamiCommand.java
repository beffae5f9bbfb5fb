package io.github.docuelevate.onedrive.cli;

import io.github.docuelevate.onedrive.IntegrationInfo;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code onedrive whoami}: the signed-in account, checked against Microsoft. */
@Command(name = "whoami", description = "Shows the signed-in account and checks its sign-in works.")
final class WhoamiCommand extends CliCommand {
  WhoamiCommand(CliRuntime runtime) {
    super(runtime);
  }

  @Override
  int execute(Console console) {
    try (CliSession session = openSession()) {
      OneDriveIntegration integration = session.integration();
      IntegrationInfo info = integration.info();
      if (!info.connected()) {
        throw notSignedIn(info);
      }
      integration.accessToken();
      String drive = integration.drivePath();
      if (console.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("username", info.username());
        json.put("accountType", info.accountType().name());
        json.put("tenant", info.tenant());
        json.put("status", info.status().name());
        json.put("drive", drive);
        console.printJson(json);
      } else {
        console.result(info.username() == null ? "(app-only: no user)" : info.username());
        console.say(
            "  account " + info.accountType() + ", tenant " + info.tenant() + ", drive " + drive);
      }
      return ExitCode.OK;
    }
  }

  /** Returns the failure for an integration that holds no working sign-in. */
  static CliFailure notSignedIn(IntegrationInfo info) {
    return new CliFailure(
        ExitCode.NEEDS_REAUTHORIZATION,
        "not signed in (" + info.status().name().toLowerCase(java.util.Locale.ROOT) + ")",
        "run `onedrive login` (or `onedrive login --device-code` without a browser)");
  }
}
