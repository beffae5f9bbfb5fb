package io.github.docuelevate.onedrive.cli;

import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.drive.WatchResult;
import io.github.docuelevate.onedrive.drive.WatchStart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code onedrive watch PATH}: prints each file added to or changed in a folder (and its
 * subfolders) until Ctrl-C. The watch's cursor is kept with the credentials, so a restarted watch
 * neither misses nor repeats a file.
 */
@Command(
    name = "watch",
    description = {
      "Prints each file added to or changed in a folder until Ctrl-C. Files stay where they",
      "are; a restarted watch goes on where it stopped."
    })
final class WatchCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "PATH", description = "The folder to watch.")
  String path = "";

  @Option(
      names = "--interval",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description = "Seconds between polls (default: ${DEFAULT-VALUE}).")
  long intervalSeconds = 30;

  @Option(
      names = "--from-start",
      description = "A new watch first delivers the files already there (default: only new ones).")
  boolean fromStart;

  @Option(names = "--once", description = "Poll once and exit (for scripts).")
  boolean once;

  WatchCommand(CliRuntime runtime) {
    super(runtime);
  }

  @Override
  int execute(Console console) throws InterruptedException {
    if (intervalSeconds < 1) {
      throw new IllegalArgumentException("--interval must be at least 1 second");
    }
    String folder = Paths.normalize(path);
    try (CliSession session = openSession()) {
      FolderWatch watch =
          session
              .integration()
              .watchFolder(
                  WatchOptions.builder(folder)
                      .watchId("cli:" + folder)
                      .start(fromStart ? WatchStart.EVERYTHING_PRESENT : WatchStart.ONLY_NEW)
                      .build());
      if (!once) {
        console.note(
            "watching " + (folder.isEmpty() ? "the drive" : folder + "/") + "; Ctrl-C stops");
      }
      List<Map<String, Object>> delivered = new ArrayList<>();
      while (true) {
        WatchResult result =
            watch.poll(
                file -> {
                  if (console.json()) {
                    delivered.add(LsCommand.toJson(file));
                  } else {
                    console.result(
                        (file.path() == null ? file.name() : file.path())
                            + "\t"
                            + Units.bytes(file.size()));
                  }
                  return Disposition.KEEP;
                });
        if (result.skipped()) {
          console.note("another watch of this folder is polling; trying again later");
        }
        if (once) {
          break;
        }
        Thread.sleep(intervalSeconds * 1000);
      }
      if (console.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", folder);
        json.put("delivered", delivered);
        console.printJson(json);
      }
      return ExitCode.OK;
    }
  }
}
