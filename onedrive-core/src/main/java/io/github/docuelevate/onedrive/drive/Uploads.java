package io.github.docuelevate.onedrive.drive;

/**
 * Uploads files to the integration's drive. Small files go in one request; larger ones through an
 * upload session whose fragments follow Graph's rules and survive connection resets, timeouts,
 * throttling, server errors, an access token expiring midway and a lost session. Thread-safe: many
 * uploads may run at once.
 *
 * <p>Failures: {@link io.github.docuelevate.onedrive.InvalidDrivePathException} before any request
 * for a bad folder path or file name; {@link io.github.docuelevate.onedrive.ConflictException} when
 * the name is taken and the behaviour is {@link ConflictBehavior#FAIL}; {@link
 * io.github.docuelevate.onedrive.QuotaExceededException}; {@link
 * io.github.docuelevate.onedrive.ThrottledException} carrying the wait when Graph asks for a longer
 * pause than configured; {@link io.github.docuelevate.onedrive.TransientNetworkException} saying at
 * which byte the retries ran out; {@link io.github.docuelevate.onedrive.ContentMismatchException}
 * when the stored content's hash differs from the local one; {@link java.io.UncheckedIOException}
 * when the source cannot be read (a file that is missing, or shorter than when the upload began),
 * at once and without retries. A failed upload's session is cancelled; an interrupted one (thread
 * interrupt), or one throttled for longer than the retry policy waits, is kept for {@link #resume}.
 */
public interface Uploads {

  /**
   * Uploads a file into the integration's configured folder ({@link
   * io.github.docuelevate.onedrive.IntegrationInfo#folderPath()}, set when the integration was
   * created or with {@link io.github.docuelevate.onedrive.OneDriveIntegration#changeFolder}), read
   * from the stored record at the call, so a folder another node saved is used at once. Missing
   * folders are created.
   *
   * @param source the content
   * @param fileName the file's name
   * @param options conflict behaviour, listeners, fragment size
   * @return the uploaded file
   * @throws io.github.docuelevate.onedrive.ConfigurationException if the integration has no folder
   *     configured, before any request
   */
  DriveItem uploadToConfiguredFolder(UploadSource source, String fileName, UploadOptions options);

  /**
   * Uploads a file into the integration's configured folder with the default options (fail when the
   * name is taken); see {@link #uploadToConfiguredFolder(UploadSource, String, UploadOptions)}.
   *
   * @param source the content
   * @param fileName the file's name
   * @return the uploaded file
   */
  default DriveItem uploadToConfiguredFolder(UploadSource source, String fileName) {
    return uploadToConfiguredFolder(source, fileName, UploadOptions.defaults());
  }

  /**
   * Uploads a file to a folder given from the drive's root, whatever folder the integration is
   * configured with.
   *
   * @param source the content
   * @param folderPath the folder to put it in, relative to the drive's root ({@code ""} is the
   *     root; missing folders are created)
   * @param fileName the file's name
   * @param options conflict behaviour, listeners, fragment size
   * @return the uploaded file
   */
  DriveItem upload(UploadSource source, String folderPath, String fileName, UploadOptions options);

  /**
   * Uploads a file to a folder given from the drive's root with the default options (fail when the
   * name is taken).
   *
   * @param source the content
   * @param folderPath the folder to put it in, relative to the drive's root
   * @param fileName the file's name
   * @return the uploaded file
   */
  default DriveItem upload(UploadSource source, String folderPath, String fileName) {
    return upload(source, folderPath, fileName, UploadOptions.defaults());
  }

  /**
   * Continues an upload whose session was kept, typically after the host process restarted: asks
   * the session which bytes it still needs and sends those. If the session expired meanwhile, the
   * upload starts over with a new one.
   *
   * @param upload the session, as handed to {@link UploadOptions.Builder#sessionListener}
   * @param source the same content as before, from its first byte
   * @param options listeners and fragment size (the conflict behaviour applies if it starts over)
   * @return the uploaded file
   */
  DriveItem resume(ResumableUpload upload, UploadSource source, UploadOptions options);

  /**
   * Cancels a kept upload session; the bytes sent so far are discarded. Does nothing if the session
   * is already gone.
   *
   * @param upload the session
   */
  void cancel(ResumableUpload upload);
}
