package io.github.docuelevate.onedrive.drive;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The health of a {@link FolderWatch}, as stored with the integration (so every worker node and a
 * dashboard see it).
 *
 * @param lastSuccessAt when a poll last completed, if ever
 * @param lastErrorAt when a poll last failed, if ever (kept after later successes)
 * @param lastError what failed in the last poll (never a secret); cleared by a successful poll
 */
public record WatchStatus(
    @Nullable Instant lastSuccessAt, @Nullable Instant lastErrorAt, @Nullable String lastError) {

  /** Returns whether the last poll succeeded (or none failed yet). */
  public boolean healthy() {
    return lastError == null;
  }
}
