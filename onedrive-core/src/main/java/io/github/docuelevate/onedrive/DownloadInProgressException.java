package io.github.docuelevate.onedrive;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Another download to the same local target is running (in this process or another one): it holds
 * the target's part file. Nothing was requested or written; wait for that download to finish, then
 * download again (it resumes from what the part file keeps).
 */
public class DownloadInProgressException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  private final String target;

  /**
   * Creates the exception.
   *
   * @param target the local file the other download writes
   */
  public DownloadInProgressException(Path target) {
    super(
        "another download to "
            + Objects.requireNonNull(target, "target")
            + " is running; wait for it to finish, then download again");
    this.target = target.toString();
  }

  /**
   * Returns the local file the other download writes.
   *
   * @return the target
   */
  public Path target() {
    return Path.of(target);
  }
}
