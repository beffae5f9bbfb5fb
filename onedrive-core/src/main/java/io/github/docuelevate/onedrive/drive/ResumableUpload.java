package io.github.docuelevate.onedrive.drive;

import io.github.docuelevate.onedrive.Secret;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a host application keeps to resume an upload after its process restarted: the session's
 * pre-authenticated upload URL (a secret: whoever holds it can write the file until the session
 * expires), where the file goes and how large it is.
 *
 * @param uploadUrl the session's upload URL
 * @param folderPath the folder the file goes to
 * @param fileName the file's name
 * @param size the file's size in bytes
 * @param expiresAt when the session expires unless more bytes arrive, if Graph said
 */
public record ResumableUpload(
    Secret uploadUrl, String folderPath, String fileName, long size, @Nullable Instant expiresAt) {

  /** Checks the components. */
  public ResumableUpload {
    Objects.requireNonNull(uploadUrl, "uploadUrl");
    Objects.requireNonNull(folderPath, "folderPath");
    Objects.requireNonNull(fileName, "fileName");
    if (size < 1) {
      throw new IllegalArgumentException("a session upload has at least one byte, size " + size);
    }
  }
}
