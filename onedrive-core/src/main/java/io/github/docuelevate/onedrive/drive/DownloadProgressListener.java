package io.github.docuelevate.onedrive.drive;

/**
 * Hears how far a download got. Called on the downloading thread: once before the first request
 * (with the bytes kept from an earlier, interrupted download to the same path; {@code 0} when it
 * starts from the first byte), then as bytes arrive. A download that has to start over (the file
 * changed in the drive since the bytes were kept) reports a smaller number than before. Keep it
 * quick; interrupting the thread from here stops the download.
 */
@FunctionalInterface
public interface DownloadProgressListener {
  /**
   * Reports progress.
   *
   * @param bytesReceived the bytes of the file held locally so far
   * @param totalBytes the file's size
   */
  void progress(long bytesReceived, long totalBytes);
}
