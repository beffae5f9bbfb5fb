package io.github.docuelevate.onedrive.drive;

/**
 * Hears how far an upload got. Called on the uploading thread after each fragment the server
 * accepted; keep it quick. Interrupting the thread from here stops the upload and keeps its session
 * for {@link Uploads#resume}.
 */
@FunctionalInterface
public interface UploadProgressListener {
  /**
   * Reports progress.
   *
   * @param bytesUploaded the bytes the server has accepted so far
   * @param totalBytes the file's size
   */
  void progress(long bytesUploaded, long totalBytes);
}
