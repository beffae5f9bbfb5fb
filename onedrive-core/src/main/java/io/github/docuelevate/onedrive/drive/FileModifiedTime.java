package io.github.docuelevate.onedrive.drive;

/**
 * Whether an upload from a local file records the file's modified time on the stored item ({@code
 * fileSystemInfo.lastModifiedDateTime}). Graph takes it only when an upload session is created: a
 * file small enough for one request would need a second request to carry it. An item whose modified
 * time is not sent gets the upload's time from OneDrive.
 */
public enum FileModifiedTime {
  /**
   * The default: sent along when the file goes through an upload session anyway (larger than {@link
   * DriveOptions#simpleUploadLimit()} or than one fragment), where it costs no request; a file sent
   * with one request gets the upload's time.
   */
  IF_SESSION,

  /**
   * Always recorded: a file that would fit one request goes through an upload session instead (two
   * requests).
   */
  ALWAYS,

  /** Never sent: OneDrive records the upload's time. */
  NEVER
}
