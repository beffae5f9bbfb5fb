package io.github.docuelevate.onedrive.cli;

import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.Folders;
import io.github.docuelevate.onedrive.drive.ItemPage;
import io.github.docuelevate.onedrive.drive.ListOptions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code onedrive ls [PATH]}: a folder's children, page by page as they arrive. */
@Command(
    name = "ls",
    description = "Lists a folder (default: the drive's root), fetching it page by page.")
final class LsCommand extends CliCommand {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "The folder.")
  String path = "";

  @Option(
      names = {"-l", "--long"},
      description = "Show type, size and modification time (UTC).")
  boolean longFormat;

  @Option(
      names = "--page-size",
      defaultValue = "200",
      paramLabel = "N",
      description = "Items per request (1-1000, default: ${DEFAULT-VALUE}).")
  int pageSize = ListOptions.DEFAULT_PAGE_SIZE;

  LsCommand(CliRuntime runtime) {
    super(runtime);
  }

  @Override
  int execute(Console console) {
    String folder = Paths.normalize(path);
    ListOptions listOptions = ListOptions.defaults().withPageSize(pageSize);
    try (CliSession session = openSession()) {
      Folders folders = session.integration().folders();
      List<Map<String, Object>> json = new ArrayList<>();
      ItemPage page = folders.list(folder, listOptions);
      int pages = 1;
      while (true) {
        for (DriveItem item : page.items()) {
          if (console.json()) {
            json.add(toJson(item));
          } else {
            console.result(longFormat ? longLine(item) : item.name() + (item.folder() ? "/" : ""));
          }
        }
        String continuation = page.continuation();
        if (continuation == null) {
          break;
        }
        page = folders.nextPage(continuation);
        pages++;
      }
      if (console.json()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", folder);
        result.put("pages", pages);
        result.put("items", json);
        console.printJson(result);
      }
      return ExitCode.OK;
    }
  }

  private static String longLine(DriveItem item) {
    return String.format(
        java.util.Locale.ROOT,
        "%s %10s  %s  %s",
        item.folder() ? "d" : "-",
        Units.bytes(item.size()),
        TIME.format(item.lastModified()),
        item.name() + (item.folder() ? "/" : ""));
  }

  /** Returns an item as JSON fields. */
  static Map<String, Object> toJson(DriveItem item) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", item.name());
    json.put("path", item.path());
    json.put("id", item.id());
    json.put("folder", item.folder());
    json.put("size", item.size());
    json.put("lastModified", item.lastModified().toString());
    if (item.childCount() != null) {
      json.put("childCount", item.childCount());
    }
    return json;
  }
}
