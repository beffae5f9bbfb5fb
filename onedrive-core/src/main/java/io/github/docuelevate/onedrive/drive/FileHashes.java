package io.github.docuelevate.onedrive.drive;

import org.jspecify.annotations.Nullable;

/**
 * The content hashes Graph reports for a file, base64 or hex as Graph sends them. {@code
 * quickXorHash} is the one present on personal and work/school drives alike; the others may be
 * absent.
 *
 * @param quickXorHash OneDrive's {@code quickXorHash} (base64), if reported
 * @param sha1Hash the SHA-1 (hex), if reported
 * @param sha256Hash the SHA-256 (hex), if reported
 */
public record FileHashes(
    @Nullable String quickXorHash, @Nullable String sha1Hash, @Nullable String sha256Hash) {

  /** No hashes (folders, or files Graph has not hashed yet). */
  public static final FileHashes NONE = new FileHashes(null, null, null);
}
