package io.github.docuelevate.onedrive.drive;

/** What happens to a delivered file once the host application has handled it. */
public enum Disposition {
  /** Leave it where it is; it is not delivered again unless its content changes. */
  KEEP,
  /** Move it into the watch's processed folder (e.g. {@code Inbox/Processed}). */
  MOVE_TO_PROCESSED,
  /** Delete it (OneDrive keeps it in the recycle bin). */
  DELETE
}
