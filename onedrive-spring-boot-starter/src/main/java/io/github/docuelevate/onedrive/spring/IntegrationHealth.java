package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.UnreadableRecordException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How the integrations in the token store stand: counts per {@link IntegrationStatus}, unreadable
 * records, or why the store could not be read. Counts only, never keys, names or secrets. What both
 * health indicators (Boot 3 and Boot 4) and the meters report.
 *
 * @param counts integrations per status (every status present, zero included)
 * @param unreadable records that exist but cannot be decrypted or parsed
 * @param storeFailure the type of the failure if the store could not be listed, else {@code null}
 */
public record IntegrationHealth(
    Map<IntegrationStatus, Integer> counts, int unreadable, @Nullable String storeFailure) {

  /** Copies the counts. */
  public IntegrationHealth {
    counts = Map.copyOf(counts);
  }

  /**
   * Reads every record of a store.
   *
   * @param store the store
   * @return the counts, or the failure
   */
  public static IntegrationHealth of(TokenStore store) {
    Map<IntegrationStatus, Integer> counts = new EnumMap<>(IntegrationStatus.class);
    for (IntegrationStatus s : IntegrationStatus.values()) {
      counts.put(s, 0);
    }
    int unreadable = 0;
    try {
      for (IntegrationKey key : store.listKeys()) {
        try {
          Optional<StoredIntegration> record = store.read(key);
          if (record.isPresent()) {
            counts.merge(record.get().status(), 1, Integer::sum);
          }
        } catch (UnreadableRecordException e) {
          unreadable++;
        }
      }
    } catch (RuntimeException e) {
      return new IntegrationHealth(counts, unreadable, e.getClass().getSimpleName());
    }
    return new IntegrationHealth(counts, unreadable, null);
  }

  /** Returns how many integrations need the user to authorize again. */
  public int needsReauthorization() {
    return count(IntegrationStatus.NEEDS_REAUTHORIZATION);
  }

  /**
   * Returns how many integrations have a status.
   *
   * @param status the status
   * @return the count
   */
  public int count(IntegrationStatus status) {
    return counts.getOrDefault(Objects.requireNonNull(status, "status"), 0);
  }

  /** Returns every integration counted, unreadable ones included. */
  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum() + unreadable;
  }

  /**
   * Whether the health is up: the store could be read and, if {@link
   * HealthSettings#reauthorizationIsDown()}, nothing needs re-authorization or is unreadable.
   *
   * @param settings how to judge
   * @return {@code true} for up
   */
  public boolean up(HealthSettings settings) {
    return storeFailure == null
        && !(settings.reauthorizationIsDown() && (needsReauthorization() > 0 || unreadable > 0));
  }

  /**
   * Returns the details the health endpoint shows: {@code integrations}, one camel-case count per
   * status ({@code needsReauthorization}, ...), {@code unreadable}, and {@code storeFailure} if
   * any.
   *
   * @return name to value, in a stable order
   */
  public Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("integrations", total());
    for (IntegrationStatus s : IntegrationStatus.values()) {
      details.put(camelCase(s), count(s));
    }
    details.put("unreadable", unreadable);
    if (storeFailure != null) {
      details.put("storeFailure", storeFailure);
    }
    return details;
  }

  static String camelCase(IntegrationStatus status) {
    StringBuilder out = new StringBuilder();
    for (String part : status.name().toLowerCase(Locale.ROOT).split("_")) {
      out.append(
          out.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return out.toString();
  }
}
