package io.github.docuelevate.onedrive;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link OneDrive#keepAlive()} did.
 *
 * @param refreshed integrations whose idle refresh token was used and replaced
 * @param failed integrations whose refresh failed, with the failure (never a secret)
 * @param skipped how many integrations needed nothing (recently used, app-only, not connected)
 */
public record KeepAliveReport(
    List<IntegrationKey> refreshed, Map<IntegrationKey, OneDriveException> failed, int skipped) {

  /** Copies the collections. */
  public KeepAliveReport {
    refreshed = List.copyOf(refreshed);
    failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
  }
}
