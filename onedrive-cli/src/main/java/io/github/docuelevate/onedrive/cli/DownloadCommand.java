package io.github.docuelevate.onedrive.cli;

import io.github.docuelevate.onedrive.drive.DriveItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code onedrive download PATH [--to FILE]}: downloads a file, verified against Graph's size and
 * hash. A dropped connection is resumed with a range request; the target is replaced only once the
 * file is complete.
 */
@Command(
    name = "download",
    description = {
      "Downloads a file. A dropped connection resumes where it stopped; the target file is",
      "replaced only once the download is complete and its hash checked."
    })
final class DownloadCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "PATH", description = "The file in the drive.")
  String path = "";

  @Option(
      names = "--to",
      paramLabel = "FILE",
      description =
          "Where to store it (default: its name in the current directory; a directory"
              + " keeps the name).")
  @Nullable Path to;

  DownloadCommand(CliRuntime runtime) {
    super(runtime);
  }

  @Override
  int execute(Console console) {
    String file = Paths.normalize(path);
    if (file.isEmpty()) {
      throw new IllegalArgumentException(
          "name the file to download, e.g. `onedrive download Documents/a.pdf`");
    }
    Path target = to == null ? Path.of(Paths.name(file)) : to;
    if (Files.isDirectory(target)) {
      target = target.resolve(Paths.name(file));
    }
    try (CliSession session = openSession()) {
      DriveItem item = session.integration().downloads().download(file, target);
      if (console.json()) {
        Map<String, Object> json = LsCommand.toJson(item);
        json.put("savedTo", target.toAbsolutePath().toString());
        console.printJson(json);
      } else {
        console.say("downloaded " + file + " -> " + target + " (" + Units.bytes(item.size()) + ")");
      }
      return ExitCode.OK;
    }
  }
}
