package io.github.docuelevate.onedrive.cli;

import io.github.docuelevate.onedrive.ConflictException;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.Folders;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code onedrive rm PATH}: deletes an item (OneDrive keeps it in the recycle bin) with the
 * library's {@link Folders#deleteIfUnchanged}, so an item changed between the look-up and the
 * delete is kept.
 */
@Command(
    name = "rm",
    description = "Deletes a file, or a folder with -r (OneDrive keeps it in the recycle bin).")
final class RmCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "PATH", description = "The item to delete.")
  String path = "";

  @Option(
      names = {"-r", "--recursive"},
      description = "Allow deleting a folder and everything in it.")
  boolean recursive;

  RmCommand(CliRuntime runtime) {
    super(runtime);
  }

  @Override
  int execute(Console console) {
    String target = Paths.normalize(path);
    if (target.isEmpty()) {
      throw new IllegalArgumentException("the drive's root cannot be deleted; name an item");
    }
    try (CliSession session = openSession()) {
      Folders folders = session.integration().folders();
      DriveItem item = folders.item(target);
      if (item.folder() && !recursive) {
        throw new CliFailure(
            ExitCode.USAGE, target + " is a folder", "add -r to delete it with everything in it");
      }
      try {
        folders.deleteIfUnchanged(item);
      } catch (ConflictException e) {
        throw new CliFailure(
            ExitCode.CONFLICT,
            target + " changed while it was being deleted; it was kept",
            "look at it with `onedrive ls -l` and run `onedrive rm` again",
            e);
      }
      if (console.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("deleted", target);
        json.put("id", item.id());
        json.put("folder", item.folder());
        console.printJson(json);
      } else {
        console.say("deleted " + target + (item.folder() ? "/" : ""));
      }
      return ExitCode.OK;
    }
  }
}
