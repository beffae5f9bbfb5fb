package io.github.docuelevate.onedrive.cli;

import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.Folders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code onedrive mkdir [-p] PATH}: creates a folder. */
@Command(name = "mkdir", description = "Creates a folder.")
final class MkdirCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "PATH", description = "The folder to create.")
  String path = "";

  @Option(
      names = {"-p", "--parents"},
      description = "Create missing parent folders too; an existing folder is fine.")
  boolean parents;

  MkdirCommand(CliRuntime runtime) {
    super(runtime);
  }

  @Override
  int execute(Console console) {
    String folder = Paths.normalize(path);
    if (folder.isEmpty()) {
      throw new IllegalArgumentException(
          "name the folder to create, e.g. `onedrive mkdir -p Documents/Scans`");
    }
    try (CliSession session = openSession()) {
      Folders folders = session.integration().folders();
      if (!parents) {
        String parent = Paths.parent(folder);
        if (!parent.isEmpty()) {
          folders.item(parent);
        }
      }
      DriveItem created = folders.ensureFolder(folder);
      if (console.json()) {
        console.printJson(LsCommand.toJson(created));
      } else {
        console.say("created " + folder + "/");
      }
      return ExitCode.OK;
    }
  }
}
