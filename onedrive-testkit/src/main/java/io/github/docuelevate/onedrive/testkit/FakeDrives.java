package io.github.docuelevate.onedrive.testkit;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Seeds and inspects the fake Graph server's drives from a test, without going through HTTP. Paths
 * are relative to a drive's root, names joined by {@code /} (a leading slash is ignored) and
 * matched case-insensitively, as OneDrive does. File contents live on disk: read large files as a
 * stream, or check only their {@link Entry#size() size} and {@link Entry#quickXorHash() hash}.
 *
 * <p>Thread-safe; every method sees the same state as concurrent HTTP requests.
 */
public interface FakeDrives {

  /**
   * One file or folder of a drive.
   *
   * @param path its path below the root ({@code ""} for the root itself)
   * @param id its item id
   * @param folder whether it is a folder
   * @param size the file's size in bytes (the total of its files for a folder)
   * @param quickXorHash the file's {@code quickXorHash} (base64), null for folders
   * @param sha1Hash the file's {@code sha1Hash} (upper-case hex) on a personal drive; null for
   *     folders and on work and school drives, which report only the {@code quickXorHash}
   * @param lastModified the file system time ({@code fileSystemInfo.lastModifiedDateTime})
   */
  record Entry(
      String path,
      String id,
      boolean folder,
      long size,
      @Nullable String quickXorHash,
      @Nullable String sha1Hash,
      Instant lastModified) {
    /** Checks the required components. */
    public Entry {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(lastModified, "lastModified");
    }
  }

  /**
   * Returns the id of a user's OneDrive, creating the drive when the user has none yet (as the
   * server also does on first use of {@code /me/drive}).
   *
   * @param userObjectId the user's object id
   * @return the drive id
   */
  String userDrive(String userObjectId);

  /**
   * Returns the id of a SharePoint site's default document library, creating it if needed; only
   * sites created here answer {@code /sites/{id}/drive}.
   *
   * @param siteId the site id
   * @return the drive id
   */
  String siteDrive(String siteId);

  /**
   * Lists every item below the root, parents before children, siblings by name.
   *
   * @param driveId the drive
   * @return the items, the root excluded
   * @throws IllegalArgumentException for an unknown drive
   */
  List<Entry> tree(String driveId);

  /**
   * Finds one item.
   *
   * @param driveId the drive
   * @param path the item's path ({@code ""} for the root)
   * @return the item, or empty when nothing is at that path
   * @throws IllegalArgumentException for an unknown drive
   */
  Optional<Entry> find(String driveId, String path);

  /**
   * Creates a folder and any missing parents.
   *
   * @param driveId the drive
   * @param path the folder's path
   * @return the folder
   * @throws IllegalArgumentException for an unknown drive, a name OneDrive refuses or a file in the
   *     way
   */
  Entry createFolders(String driveId, String path);

  /**
   * Writes a file (replacing one at that path), creating missing parent folders.
   *
   * @param driveId the drive
   * @param path the file's path
   * @param content the bytes
   * @return the file
   * @throws IllegalArgumentException for an unknown drive or a name OneDrive refuses
   */
  Entry putFile(String driveId, String path, byte[] content);

  /**
   * Writes a file from a stream (read to its end, not closed), never holding it in memory.
   *
   * @param driveId the drive
   * @param path the file's path
   * @param content the bytes
   * @return the file
   * @throws IllegalArgumentException for an unknown drive or a name OneDrive refuses
   */
  Entry putFile(String driveId, String path, InputStream content);

  /**
   * Opens a file's content; the caller closes the stream.
   *
   * @param driveId the drive
   * @param path the file's path
   * @return the content
   * @throws IllegalArgumentException for an unknown drive or when no file is at that path
   */
  InputStream openFile(String driveId, String path);

  /**
   * Reads a small file whole.
   *
   * @param driveId the drive
   * @param path the file's path
   * @return the bytes
   * @throws IllegalArgumentException for an unknown drive or when no file is at that path
   */
  byte[] readFile(String driveId, String path);

  /**
   * Deletes a file or folder (with its content) as {@code DELETE} would.
   *
   * @param driveId the drive
   * @param path the item's path
   * @throws IllegalArgumentException for an unknown drive or when nothing is at that path
   */
  void delete(String driveId, String path);

  /**
   * Sets a drive's quota; uploads that would exceed it are answered with 507.
   *
   * @param driveId the drive
   * @param totalBytes the quota
   * @throws IllegalArgumentException for an unknown drive or a negative quota
   */
  void setQuota(String driveId, long totalBytes);

  /**
   * Expires an upload session now: its URL answers 404 from then on.
   *
   * @param uploadUrl the session's {@code uploadUrl}
   * @return whether such a session was open
   */
  boolean expireUploadSession(String uploadUrl);

  /**
   * Makes the next {@code count} uploads that carry bytes (simple uploads or completed upload
   * sessions, empty files excepted) store their content with one byte changed, as if it had been
   * damaged on the way. The stored item's size stays right and its hashes are those of the damaged
   * bytes, so only a client that compares hashes notices. Files written with {@link #putFile} are
   * not affected; a reset clears the count.
   *
   * @param count how many uploads to damage ({@code 0} turns it off)
   * @throws IllegalArgumentException for a negative count
   */
  void damageNextUploads(int count);

  /**
   * Changes one byte of a stored file in place and keeps its recorded size and hashes, so its
   * content no longer matches its {@code quickXorHash} (as after corruption at rest); downloads
   * then deliver the changed bytes.
   *
   * @param driveId the drive
   * @param path the file's path
   * @throws IllegalArgumentException for an unknown drive, when no file is at that path or the file
   *     is empty
   */
  void damageStoredFile(String driveId, String path);

  /** Returns how many upload sessions are open. */
  int openUploadSessions();

  /**
   * Makes every delta token of a drive issued so far invalid: using one answers {@code 410 Gone}
   * with {@code resyncRequired}.
   *
   * @param driveId the drive
   * @throws IllegalArgumentException for an unknown drive
   */
  void invalidateDeltaTokens(String driveId);

  /**
   * Sets how long a delta token stays usable (default 30 days, measured on the fake's clock).
   *
   * @param driveId the drive
   * @param lifetime the lifetime
   * @throws IllegalArgumentException for an unknown drive or a negative lifetime
   */
  void setDeltaTokenLifetime(String driveId, Duration lifetime);
}
