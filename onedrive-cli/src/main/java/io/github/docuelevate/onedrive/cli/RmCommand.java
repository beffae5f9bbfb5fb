package io.github.docuelevate.onedrive.cli;

import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.drive.DriveItem;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code onedrive rm PATH}: deletes an item (OneDrive keeps it in the recycle bin). The library has
 * no delete operation, so this sends Graph's {@code DELETE} itself with the integration's access
 * token, guarded by the item's eTag so a file changed meanwhile is not deleted.
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
  int execute(Console console) throws IOException, InterruptedException {
    String target = Paths.normalize(path);
    if (target.isEmpty()) {
      throw new IllegalArgumentException("the drive's root cannot be deleted; name an item");
    }
    try (CliSession session = openSession()) {
      OneDriveIntegration integration = session.integration();
      DriveItem item = integration.folders().item(target);
      if (item.folder() && !recursive) {
        throw new CliFailure(
            ExitCode.USAGE, target + " is a folder", "add -r to delete it with everything in it");
      }
      URI uri =
          URI.create(
              session.config().graphEndpoint().toString().replaceAll("/+$", "")
                  + "/v1.0"
                  + integration.drivePath()
                  + "/items/"
                  + URLEncoder.encode(item.id(), StandardCharsets.UTF_8));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + integration.accessToken().token().reveal())
              .DELETE();
      if (item.eTag() != null) {
        request.header("If-Match", item.eTag());
      }
      HttpResponse<Void> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      if (status == 404) {
        throw new CliFailure(
            ExitCode.NOT_FOUND, "not found: " + target, "check the path with `onedrive ls`");
      }
      if (status == 412) {
        throw new CliFailure(
            ExitCode.CONFLICT,
            target + " changed while it was being deleted; it was kept",
            "look at it with `onedrive ls -l` and run `onedrive rm` again");
      }
      if (status == 429 || status == 503) {
        throw new CliFailure(
            ExitCode.THROTTLED,
            "Microsoft asked to slow down (HTTP " + status + ")",
            "wait a minute and run the command again");
      }
      if (status / 100 != 2) {
        throw new CliFailure(
            ExitCode.FAILURE,
            "Graph refused the delete (HTTP " + status + ")",
            "run the command again with --verbose; check the account may write there");
      }
      if (console.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("deleted", target);
        json.put("folder", item.folder());
        console.printJson(json);
      } else {
        console.say("deleted " + target + (item.folder() ? "/" : ""));
      }
      return ExitCode.OK;
    }
  }
}
