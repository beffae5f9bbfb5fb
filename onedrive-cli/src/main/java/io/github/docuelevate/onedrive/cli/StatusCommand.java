package io.github.docuelevate.onedrive.cli;

import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.IntegrationInfo;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code onedrive status}: where the configuration lives, and each stored integration with whether
 * it needs to sign in again. Exits {@link ExitCode#NEEDS_REAUTHORIZATION} when one does.
 */
@Command(
    name = "status",
    description = {
      "Shows the configuration directory and each stored integration, and whether it must",
      "sign in again (exit code 3 if one must)."
    })
final class StatusCommand extends CliCommand {
  StatusCommand(CliRuntime runtime) {
    super(runtime);
  }

  @Override
  int execute(Console console) {
    Path dir = CliSession.configDir(runtime, options);
    KeysetFile keyset = CliSession.keysetFile(runtime, options, dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("configDir", dir.toString());
    json.put("configFile", Files.isRegularFile(dir.resolve(CliSession.CONFIG_FILE)));
    json.put("keyset", keyset.path().toString());
    console.say("configuration  " + dir);
    console.say("keyset         " + keyset.path() + (keyset.exists() ? "" : " (not yet created)"));
    CliSession session;
    try {
      session = openSession();
    } catch (ConfigurationException e) {
      if (console.json()) {
        json.put("configurationProblems", e.problems());
        console.printJson(json);
      }
      throw e;
    }
    try (session) {
      session.integration();
      List<Map<String, Object>> integrations = new ArrayList<>();
      boolean reauthorize = false;
      for (IntegrationKey key : session.store().listKeys()) {
        IntegrationInfo info = session.oneDrive().integration(key).info();
        boolean needsSignIn =
            info.status() == IntegrationStatus.NEEDS_REAUTHORIZATION
                || info.status() == IntegrationStatus.PENDING_AUTHORIZATION;
        reauthorize |= needsSignIn;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("owner", key.owner());
        row.put("id", key.integrationId());
        row.put("accountType", info.accountType().name());
        row.put("status", info.status().name());
        row.put("username", info.username());
        row.put("needsSignIn", needsSignIn);
        row.put("lastError", info.lastError());
        row.put("refreshedAt", info.refreshedAt() == null ? null : info.refreshedAt().toString());
        integrations.add(row);
        console.result(
            key.owner()
                + "/"
                + key.integrationId()
                + "  "
                + info.status()
                + "  "
                + info.accountType()
                + (info.username() == null ? "" : "  " + info.username())
                + (needsSignIn ? "  -> run `onedrive login`" : ""));
      }
      if (console.json()) {
        json.put("integrations", integrations);
        console.printJson(json);
      }
      return reauthorize ? ExitCode.NEEDS_REAUTHORIZATION : ExitCode.OK;
    }
  }
}
