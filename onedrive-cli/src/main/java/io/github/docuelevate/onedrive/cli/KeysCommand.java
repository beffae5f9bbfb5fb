package io.github.docuelevate.onedrive.cli;

import com.google.crypto.tink.KeysetHandle;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.store.crypto.ReencryptionReport;
import io.github.docuelevate.onedrive.store.file.FileTokenStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code onedrive keys}: the keyset that encrypts the stored credentials. */
@Command(
    name = "keys",
    description = "Manages the keyset that encrypts the stored credentials.",
    subcommands = {KeysCommand.Generate.class, KeysCommand.Rotate.class})
final class KeysCommand extends CommandGroup {
  KeysCommand(CliRuntime runtime) {
    super(runtime);
  }

  /** {@code onedrive keys generate}: writes a new keyset (0600) where none is. */
  @Command(name = "generate", description = "Writes a new keyset (owner-only) where there is none.")
  static final class Generate extends CliCommand {
    Generate(CliRuntime runtime) {
      super(runtime);
    }

    @Override
    int execute(Console console) {
      Path dir = CliSession.configDir(runtime, options);
      KeysetFile file = CliSession.keysetFile(runtime, options, dir);
      if (file.exists()) {
        throw new CliFailure(
            ExitCode.CONFLICT,
            "a keyset already exists at " + file.path(),
            "keep it (the stored credentials need it); `onedrive keys rotate` adds a new key");
      }
      KeysetHandle keyset = Keysets.generate();
      file.write(keyset);
      long keyId = keyset.getPrimary().getId() & 0xFFFFFFFFL;
      if (console.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("keyset", file.path().toString());
        json.put("primaryKeyId", keyId);
        console.printJson(json);
      } else {
        console.say("wrote a new keyset to " + file.path() + " (primary key " + keyId + ")");
      }
      return ExitCode.OK;
    }
  }

  /**
   * {@code onedrive keys rotate}: adds a new primary key and re-encrypts every stored credential
   * with it; the old keys stay so nothing becomes unreadable.
   */
  @Command(
      name = "rotate",
      description = "Adds a new primary key and re-encrypts every stored credential with it.")
  static final class Rotate extends CliCommand {
    Rotate(CliRuntime runtime) {
      super(runtime);
    }

    @Override
    int execute(Console console) {
      Path dir = CliSession.configDir(runtime, options);
      KeysetFile file = CliSession.keysetFile(runtime, options, dir);
      KeysetHandle rotated = Keysets.rotate(file.read());
      // The new keyset still holds the old keys: writing it first loses nothing if we stop here.
      file.write(rotated);
      ReencryptionReport report;
      try (FileTokenStore store = CliSession.openStore(dir, RecordEncryption.of(rotated))) {
        int records = store.listKeys().size();
        ProgressBar bar = console.progress("records re-encrypted", Math.max(records, 1));
        report = store.reencryptAll((done, total, key, outcome, failure) -> bar.update(done));
        bar.finish();
      }
      if (console.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("keyset", file.path().toString());
        json.put("primaryKeyId", report.primaryKeyId());
        json.put("rewritten", report.rewritten());
        json.put("alreadyCurrent", report.alreadyCurrent());
        json.put("failed", report.failures().size());
        console.printJson(json);
      } else {
        console.say(
            "new primary key "
                + report.primaryKeyId()
                + "; re-encrypted "
                + report.rewritten()
                + " record(s), "
                + report.alreadyCurrent()
                + " already current");
        for (ReencryptionReport.Failure failure : report.failures()) {
          console.note("  not re-encrypted: " + failure.key() + ": " + failure.reason());
        }
      }
      if (!report.complete()) {
        throw new CliFailure(
            ExitCode.FAILURE,
            report.failures().size() + " record(s) could not be re-encrypted",
            "they stay readable with the old key; fix the cause shown and run `onedrive keys rotate`"
                + " again");
      }
      return ExitCode.OK;
    }
  }
}
