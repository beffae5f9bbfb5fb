package io.github.docuelevate.onedrive.cli;

import io.github.docuelevate.onedrive.drive.ConflictBehavior;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.ResumableUpload;
import io.github.docuelevate.onedrive.drive.UploadOptions;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.drive.Uploads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code onedrive upload FILE... --to PATH}: uploads files with a progress bar per file and the
 * total. An upload interrupted (Ctrl-C, a long throttle, a network failure) keeps its session in
 * the configuration directory and resumes on the next run with the same file and destination.
 */
@Command(
    name = "upload",
    description = {
      "Uploads files to a folder (created if missing). An interrupted upload resumes",
      "where it stopped when the same command runs again."
    })
final class UploadCommand extends CliCommand {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files to upload.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--to",
      required = true,
      paramLabel = "PATH",
      description = "The folder to upload to (\"/\" for the root).")
  String to = "";

  @Option(
      names = "--conflict",
      defaultValue = "fail",
      paramLabel = "fail|replace|rename",
      description = "When the name is taken: fail (default), replace, or rename the upload.")
  String conflict = "fail";

  UploadCommand(CliRuntime runtime) {
    super(runtime);
  }

  @Override
  int execute(Console console) throws IOException {
    ConflictBehavior behavior = conflictBehavior(conflict);
    String folder = Paths.normalize(to);
    long total = 0;
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new CliFailure(
            ExitCode.NOT_FOUND,
            "no such local file: " + file,
            "check the file name; folders are not uploaded, name their files");
      }
      total += Files.size(file);
    }
    List<Map<String, Object>> uploaded = new ArrayList<>();
    long started = System.nanoTime();
    try (CliSession session = openSession()) {
      Uploads uploads = session.integration().uploads();
      UploadSessions sessions =
          new UploadSessions(session.configDir().resolve("uploads"), session.encryption());
      long before = 0;
      for (int i = 0; i < files.size(); i++) {
        Path file = files.get(i);
        String name = file.getFileName().toString();
        long size = Files.size(file);
        String key = UploadSessions.key(file, folder, name);
        Optional<ResumableUpload> kept = sessions.find(key);
        String label =
            name
                + (files.size() > 1
                    ? " (file "
                        + (i + 1)
                        + "/"
                        + files.size()
                        + ", "
                        + Units.bytes(before)
                        + " of "
                        + Units.bytes(total)
                        + " done)"
                    : "");
        ProgressBar bar = console.progress(label, size);
        UploadOptions options =
            UploadOptions.builder()
                .conflictBehavior(behavior)
                .progressListener((done, all) -> bar.update(done))
                .sessionListener(upload -> sessions.save(key, upload))
                .build();
        if (kept.isPresent()) {
          console.note("resuming the interrupted upload of " + name);
        }
        DriveItem item =
            kept.isPresent()
                ? uploads.resume(kept.get(), UploadSource.of(file), options)
                : uploads.upload(UploadSource.of(file), folder, name, options);
        bar.update(size);
        bar.finish();
        sessions.delete(key);
        before += size;
        Map<String, Object> json = LsCommand.toJson(item);
        json.put("resumed", kept.isPresent());
        uploaded.add(json);
        console.say(
            "uploaded "
                + name
                + " -> "
                + (folder.isEmpty() ? "" : folder + "/")
                + item.name()
                + " ("
                + Units.bytes(item.size())
                + (kept.isPresent() ? ", resumed" : "")
                + ")"
                + (files.size() > 1
                    ? "; total " + Units.bytes(before) + " of " + Units.bytes(total)
                    : ""));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      if (console.json()) {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("files", files.size());
        totals.put("bytes", total);
        totals.put(
            "resumed",
            uploaded.stream().filter(u -> Boolean.TRUE.equals(u.get("resumed"))).count());
        totals.put("durationMillis", took.toMillis());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("uploaded", uploaded);
        result.put("bytes", total);
        result.put("total", totals);
        console.printJson(result);
      } else if (files.size() > 1) {
        console.say(files.size() + " files, " + Units.bytes(total) + " in " + Units.duration(took));
      }
      return ExitCode.OK;
    }
  }

  private static ConflictBehavior conflictBehavior(String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "fail" -> ConflictBehavior.FAIL;
      case "replace" -> ConflictBehavior.REPLACE;
      case "rename" -> ConflictBehavior.RENAME;
      default ->
          throw new IllegalArgumentException(
              "--conflict must be fail, replace or rename, got '" + value + "'");
    };
  }
}
