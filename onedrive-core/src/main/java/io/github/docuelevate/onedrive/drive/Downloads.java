package io.github.docuelevate.onedrive.drive;

import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Downloads files from the integration's drive, streaming (never the whole file in memory),
 * resuming with a range request after a dropped connection, and checking the size and {@code
 * quickXorHash} Graph reports. The pre-authenticated download URL never receives the access token.
 * Thread-safe.
 *
 * <p>Failures: {@link io.github.docuelevate.onedrive.InvalidDrivePathException} before any request;
 * {@link io.github.docuelevate.onedrive.NotFoundException}; {@link
 * io.github.docuelevate.onedrive.TransientNetworkException} saying at which byte the retries ran
 * out; {@link io.github.docuelevate.onedrive.ContentMismatchException} when the received bytes do
 * not match Graph's size or hash.
 */
public interface Downloads {

  /**
   * Downloads a file to a local path. The content goes to a temporary file next to {@code target}
   * first and replaces {@code target} only once complete and verified.
   *
   * @param path the file's path in the drive
   * @param target where to store it
   * @return the downloaded item
   */
  DriveItem download(String path, Path target);

  /**
   * Downloads a file, given by id, to a local path; see {@link #download(String, Path)}.
   *
   * @param itemId the file's id
   * @param target where to store it
   * @return the downloaded item
   */
  DriveItem downloadById(String itemId, Path target);

  /**
   * Downloads a file into a stream, which is not closed. On a {@link
   * io.github.docuelevate.onedrive.ContentMismatchException} the stream already received the faulty
   * bytes: discard them.
   *
   * @param path the file's path in the drive
   * @param out where to write the content
   * @return the downloaded item
   */
  DriveItem download(String path, OutputStream out);

  /**
   * Downloads a file, given by id, into a stream; see {@link #download(String, OutputStream)}.
   *
   * @param itemId the file's id
   * @param out where to write the content
   * @return the downloaded item
   */
  DriveItem downloadById(String itemId, OutputStream out);
}
