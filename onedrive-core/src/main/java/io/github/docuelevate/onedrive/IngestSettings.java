package io.github.docuelevate.onedrive;

import io.github.docuelevate.onedrive.drive.Disposition;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The system integration's watch folder ({@code ONEDRIVE_INGEST_*}): whether new files in a folder
 * of the drive are ingested, which folder, and whether a file is deleted from it once processed.
 * {@link OneDrive#systemWatch()} watches this folder. Checked when built.
 *
 * @param enabled whether the watch folder is polled ({@code ONEDRIVE_INGEST_ENABLED})
 * @param folderPath the watched folder relative to the drive root ({@code
 *     ONEDRIVE_INGEST_FOLDER_PATH}); required when enabled
 * @param deleteAfterProcess whether a processed file is deleted from the folder ({@code
 *     ONEDRIVE_INGEST_DELETE_AFTER_PROCESS}); OneDrive keeps it in the recycle bin
 */
public record IngestSettings(
    boolean enabled, @Nullable String folderPath, boolean deleteAfterProcess) {

  /** No watch folder. */
  public static final IngestSettings DISABLED = new IngestSettings(false, null, false);

  /**
   * Checks the settings.
   *
   * @throws ConfigurationException if the folder is enabled without a path, or OneDrive would
   *     refuse the path
   */
  public IngestSettings {
    List<String> problems = new ArrayList<>();
    check(enabled, folderPath, problems);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }

  /**
   * Returns an enabled watch folder.
   *
   * @param folderPath the watched folder
   * @param deleteAfterProcess whether processed files are deleted from it
   * @return the settings
   * @throws ConfigurationException if OneDrive would refuse the path
   */
  public static IngestSettings of(String folderPath, boolean deleteAfterProcess) {
    return new IngestSettings(true, folderPath, deleteAfterProcess);
  }

  /**
   * Returns what becomes of a file a handler processed and left in place ({@link
   * Disposition#KEEP}): {@link Disposition#DELETE} when processed files are deleted, else {@link
   * Disposition#KEEP}.
   */
  public Disposition afterProcessing() {
    return deleteAfterProcess ? Disposition.DELETE : Disposition.KEEP;
  }

  static void check(boolean enabled, @Nullable String folderPath, List<String> problems) {
    IntegrationSettings.checkFolderPath(
        folderPath, "the folder path (" + OneDriveConfig.ENV_INGEST_FOLDER_PATH + ")", problems);
    if (enabled && folderPath == null) {
      problems.add(
          "the watch folder is enabled ("
              + OneDriveConfig.ENV_INGEST_ENABLED
              + ") but has no path ("
              + OneDriveConfig.ENV_INGEST_FOLDER_PATH
              + ")");
    }
  }
}
