package io.github.docuelevate.onedrive.drive;

import java.nio.file.Path;

/**
 * What happens to the bytes of a download to a local path that did not complete (the retries ran
 * out, the thread was interrupted, the process ended).
 */
public enum PartialDownload {
  /**
   * The bytes stay in the part file beside the target ({@link Downloads#partFileOf(Path)}), and the
   * next download of the same file to the same target, in this process or another, continues from
   * where they end, provided the file is unchanged in the drive. The default.
   */
  RESUME,

  /** The part file is deleted when the call fails; every call starts from the first byte. */
  DISCARD
}
