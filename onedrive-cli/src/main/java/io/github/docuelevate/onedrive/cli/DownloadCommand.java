package io.github.docuelevate.onedrive.cli;

import io.github.docuelevate.onedrive.drive.DownloadOptions;
import io.github.docuelevate.onedrive.drive.DownloadProgressListener;
import io.github.docuelevate.onedrive.drive.Downloads;
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
 * hash, with a progress bar. A dropped connection is resumed with a range request; a download that
 * did not complete (Ctrl-C, the network gone) keeps its bytes in a part file beside the target, and
 * the same command run again continues from there unless the file changed in the drive. The target
 * is replaced only once the file is complete.
 */
@Command(
    name = "download",
    description = {
      "Downloads a file. An interrupted download resumes where it stopped when the same",
      "command runs again; the target file is replaced only once the download is complete",
      "and its hash checked."
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
      Downloads downloads = session.integration().downloads();
      Progress progress = new Progress(console, Paths.name(file));
      DownloadOptions options = DownloadOptions.builder().progressListener(progress).build();
      DriveItem downloaded = downloads.download(file, target, options);
      progress.finish();
      long resumedFrom = progress.resumedFrom;
      if (console.json()) {
        Map<String, Object> json = LsCommand.toJson(downloaded);
        json.put("savedTo", target.toAbsolutePath().toString());
        json.put("resumed", resumedFrom > 0);
        json.put("resumedFromByte", resumedFrom);
        console.printJson(json);
      } else {
        console.say(
            "downloaded "
                + file
                + " -> "
                + target
                + " ("
                + Units.bytes(downloaded.size())
                + (resumedFrom > 0 ? ", resumed at " + Units.bytes(resumedFrom) : "")
                + ")");
      }
      return ExitCode.OK;
    }
  }

  /** Draws the bar, and says when the first report shows bytes kept from an earlier run. */
  private static final class Progress implements DownloadProgressListener {
    private final Console console;
    private final String name;
    private @Nullable ProgressBar bar;
    long resumedFrom;

    Progress(Console console, String name) {
      this.console = console;
      this.name = name;
    }

    @Override
    public void progress(long bytesReceived, long totalBytes) {
      ProgressBar current = bar;
      if (current == null) {
        resumedFrom = bytesReceived;
        if (bytesReceived > 0) {
          console.note(
              "resuming the interrupted download of " + name + " at " + Units.bytes(bytesReceived));
        }
        current = console.progress(name, totalBytes);
        bar = current;
      }
      current.update(bytesReceived);
    }

    void finish() {
      ProgressBar current = bar;
      if (current != null) {
        current.finish();
      }
    }
  }
}
