package io.github.docuelevate.onedrive.drive;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Downloads files from the integration's drive, streaming (never the whole file in memory),
 * resuming with a range request after a dropped connection, and checking the size and content hash
 * Graph reports ({@code quickXorHash}; {@code sha256Hash} or {@code sha1Hash} where a drive reports
 * only those). The pre-authenticated download URL never receives the access token. Thread-safe.
 *
 * <p>A download to a local path goes to a part file beside the target first ({@link
 * #partFileOf(Path)}) and replaces the target, by an atomic move where the file system has one,
 * only once complete and verified. By default ({@link PartialDownload#RESUME}) the part file of a
 * download that did not complete stays, with a record of the item it belongs to beside it ({@link
 * #partRecordOf(Path)}), and the next download of the same file to the same target (in this process
 * or another) asks only for the bytes after it: with {@code Range}, guarded by {@code If-Range}
 * with the entity tag the download URL gave. A file that changed in the drive meanwhile (another
 * {@code cTag}, size or id than recorded, or an {@code If-Range} the server refuses) starts over
 * from the first byte, so two versions are never spliced. Two downloads to the same target at once
 * are refused: the part file is locked while in use.
 *
 * <p>Failures: {@link io.github.docuelevate.onedrive.InvalidDrivePathException} before any request;
 * {@link io.github.docuelevate.onedrive.NotFoundException}; {@link
 * io.github.docuelevate.onedrive.TransientNetworkException} saying at which byte the retries ran
 * out; {@link io.github.docuelevate.onedrive.ContentMismatchException} when the received bytes do
 * not match Graph's size or hash (a download to a path then deletes its part file and leaves the
 * target untouched); {@link java.io.UncheckedIOException} when a local file cannot be written.
 */
public interface Downloads {

  /**
   * Returns the part file a download to {@code target} writes to: {@code .<name>.onedrive-part} in
   * the target's folder.
   *
   * @param target the download's target
   * @return the part file
   */
  static Path partFileOf(Path target) {
    Path absolute = Objects.requireNonNull(target, "target").toAbsolutePath();
    return absolute.resolveSibling("." + absolute.getFileName() + ".onedrive-part");
  }

  /**
   * Returns the record kept beside a part file: {@code .<name>.onedrive-part.json}, naming the item
   * (id, size, {@code cTag}, hashes) and the entity tag the bytes in the part file belong to.
   *
   * @param target the download's target
   * @return the record's file
   */
  static Path partRecordOf(Path target) {
    Path part = partFileOf(target);
    return part.resolveSibling(part.getFileName() + ".json");
  }

  /**
   * Downloads a file to a local path with the {@linkplain DownloadOptions#defaults() defaults}: an
   * interrupted download is resumed by the next call; see {@link #download(String, Path,
   * DownloadOptions)}.
   *
   * @param path the file's path in the drive
   * @param target where to store it; its folder must exist
   * @return the downloaded item
   */
  default DriveItem download(String path, Path target) {
    return download(path, target, DownloadOptions.defaults());
  }

  /**
   * Downloads a file to a local path: into the part file first, continuing bytes an earlier
   * interrupted download kept there when {@code options} say so and the file is unchanged; {@code
   * target} is replaced only once the file is complete and verified.
   *
   * @param path the file's path in the drive
   * @param target where to store it; its folder must exist
   * @param options what happens to an incomplete download, progress
   * @return the downloaded item
   * @throws IllegalArgumentException if the item is a folder or the target's folder does not exist
   * @throws io.github.docuelevate.onedrive.DownloadInProgressException if another download to the
   *     same target is running (nothing was requested)
   */
  DriveItem download(String path, Path target, DownloadOptions options);

  /**
   * Downloads a file, given by id, to a local path with the {@linkplain DownloadOptions#defaults()
   * defaults}; see {@link #download(String, Path, DownloadOptions)}.
   *
   * @param itemId the file's id
   * @param target where to store it; its folder must exist
   * @return the downloaded item
   */
  default DriveItem downloadById(String itemId, Path target) {
    return downloadById(itemId, target, DownloadOptions.defaults());
  }

  /**
   * Downloads a file, given by id, to a local path; see {@link #download(String, Path,
   * DownloadOptions)}.
   *
   * @param itemId the file's id
   * @param target where to store it; its folder must exist
   * @param options what happens to an incomplete download, progress
   * @return the downloaded item
   */
  DriveItem downloadById(String itemId, Path target, DownloadOptions options);

  /**
   * Downloads a file into a stream, which is not closed. A dropped connection is resumed within the
   * call; nothing is kept for a later one. On a {@link
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
