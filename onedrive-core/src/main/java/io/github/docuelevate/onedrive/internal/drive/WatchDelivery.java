package io.github.docuelevate.onedrive.internal.drive;

import io.github.docuelevate.onedrive.FolderWatchException;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.FileHandler;
import io.github.docuelevate.onedrive.internal.transport.GraphRequest;
import io.github.docuelevate.onedrive.internal.transport.GraphTransport;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Hands one file to the handler and carries out its {@link Disposition}: keeps it, moves it into
 * the processed folder (created on first use) or deletes it. The caller records the delivery
 * between the two steps, so a crash neither loses nor repeats it.
 */
final class WatchDelivery {
  private final DriveContext drive;
  private final FolderService folders;
  private final DrivePath processedPath;
  private final String processedFolder;
  private final String errorPrefix;
  private @Nullable String processedId;

  WatchDelivery(
      DriveContext drive,
      FolderService folders,
      DrivePath watchedFolder,
      String processedFolder,
      String errorPrefix) {
    this.drive = drive;
    this.folders = folders;
    this.processedPath = watchedFolder.child(processedFolder);
    this.processedFolder = processedFolder;
    this.errorPrefix = errorPrefix;
  }

  /** Finds the processed folder, if it exists; returns it so the caller can place it. */
  @Nullable DriveItem findProcessedFolder() {
    DriveItem processed = folders.find(processedPath);
    processedId = processed == null ? null : processed.id();
    return processed;
  }

  /** The tag that tells one version of a file's content from another. */
  static String contentTag(DriveItem file) {
    return file.cTag() != null ? file.cTag() : String.valueOf(file.eTag());
  }

  /** Calls the handler; its failures become {@link FolderWatchException}s naming the file. */
  Disposition handle(FileHandler handler, DriveItem file) {
    Disposition disposition;
    try {
      disposition = handler.handle(file);
    } catch (Exception e) {
      throw new FolderWatchException(
          errorPrefix + "handling '" + file.name() + "' failed: " + e.getMessage(), e);
    }
    if (disposition == null) {
      throw new FolderWatchException(
          errorPrefix + "the handler returned no disposition for '" + file.name() + "'", null);
    }
    return disposition;
  }

  /**
   * Carries out a disposition.
   *
   * @return the processed folder if this call created it (for the caller to place), else null
   */
  @Nullable DriveItem carryOut(Disposition disposition, DriveItem file) {
    switch (disposition) {
      case MOVE_TO_PROCESSED:
        return move(file);
      case DELETE:
        drive
            .transport()
            .json(
                GraphRequest.delete(
                    drive.uri(drive.itemById(file.id())), "delete '" + file.name() + "'"));
        return null;
      case KEEP:
      default:
        return null;
    }
  }

  private @Nullable DriveItem move(DriveItem file) {
    String target = processedId;
    DriveItem created = null;
    if (target == null) {
      created = folders.ensure(processedPath);
      target = created.id();
      processedId = target;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("parentReference", Map.of("id", target));
    drive
        .transport()
        .json(
            GraphRequest.json(
                "PATCH",
                drive.uri(drive.itemById(file.id()) + "?@microsoft.graph.conflictBehavior=rename"),
                GraphTransport.toJson(body),
                "move '" + file.name() + "' to '" + processedFolder + "'"));
    return created;
  }
}
