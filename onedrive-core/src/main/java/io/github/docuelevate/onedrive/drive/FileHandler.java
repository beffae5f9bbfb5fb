package io.github.docuelevate.onedrive.drive;

/**
 * Handles one file a {@link FolderWatch} delivers. Called on the polling thread, one file at a
 * time.
 */
@FunctionalInterface
public interface FileHandler {
  /**
   * Handles a new or changed file, typically by downloading it with {@link Downloads}.
   *
   * @param file the file
   * @return what to do with the file now
   * @throws Exception to stop the poll; the file is not marked delivered and comes again with the
   *     next poll
   */
  Disposition handle(DriveItem file) throws Exception;
}
