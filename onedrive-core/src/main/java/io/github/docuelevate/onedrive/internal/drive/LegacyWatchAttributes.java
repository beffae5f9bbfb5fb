package io.github.docuelevate.onedrive.internal.drive;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.docuelevate.onedrive.FolderWatchException;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.internal.transport.GraphTransport;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.WatchState;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The codec of the watch state a previous release kept in the integration's token record, as JSON
 * strings under {@code watch.<id>.*} attributes: {@code cursor}, {@code delivered} (id to content
 * tag), {@code folders}, {@code sweeps}, {@code lease} ({@code "<holder> <until>"}), {@code
 * lastSuccessAt}, {@code lastErrorAt} and {@code lastError}. Only read, to migrate them; never
 * written.
 */
final class LegacyWatchAttributes {
  private static final TypeReference<LinkedHashMap<String, String>> DELIVERED =
      new TypeReference<>() {};
  private static final TypeReference<LinkedHashSet<String>> IDS = new TypeReference<>() {};
  private static final String[] NAMES = {
    "cursor", "delivered", "folders", "sweeps", "lease", "lastSuccessAt", "lastErrorAt", "lastError"
  };

  private final String watchId;
  private final String prefix;

  LegacyWatchAttributes(String watchId) {
    this.watchId = watchId;
    this.prefix = "watch." + watchId + ".";
  }

  /** Whether the record still holds state of this watch. */
  boolean presentIn(StoredIntegration record) {
    for (String name : NAMES) {
      if (record.attributes().containsKey(prefix + name)) {
        return true;
      }
    }
    return watchError(record);
  }

  private boolean watchError(StoredIntegration record) {
    String last = record.lastError();
    return last != null && last.startsWith(WatchMemory.errorPrefix(watchId));
  }

  /** Returns the record's next version without this watch's attributes and error. */
  StoredIntegration removeFrom(StoredIntegration record, Instant now) {
    StoredIntegration.Builder next = record.nextVersion(now);
    for (String name : NAMES) {
      next.attribute(prefix + name, null);
    }
    if (watchError(record)) {
      next.lastError(null, null);
    }
    return next.build();
  }

  /** Reads the attributes into a first watch state, bounded like every other. */
  WatchState read(Map<String, String> attributes, IntegrationKey key, Instant now) {
    WatchMemory memory =
        new WatchMemory(
            attributes.get(prefix + "cursor"),
            parse(attributes.get(prefix + "delivered"), DELIVERED, new LinkedHashMap<>()),
            parse(attributes.get(prefix + "folders"), IDS, new LinkedHashSet<>()),
            parse(attributes.get(prefix + "sweeps"), IDS, new LinkedHashSet<>()));
    WatchState.Builder state =
        WatchState.builder(key, watchId, now)
            .lease(lease(attributes.get(prefix + "lease")))
            .lastSuccessAt(GraphTimes.parse(attributes.get(prefix + "lastSuccessAt")))
            .lastError(
                attributes.get(prefix + "lastError"),
                GraphTimes.parse(attributes.get(prefix + "lastErrorAt")));
    memory.writeTo(state);
    return state.build();
  }

  private static WatchState.@Nullable Lease lease(@Nullable String text) {
    int space = text == null ? -1 : text.indexOf(' ');
    if (text == null || space < 0) {
      return null;
    }
    Instant until = GraphTimes.parse(text.substring(space + 1));
    return until == null ? null : new WatchState.Lease(text.substring(0, space), until);
  }

  private static <T> T parse(@Nullable String json, TypeReference<T> type, T empty) {
    if (json == null || json.isEmpty()) {
      return empty;
    }
    try {
      return GraphTransport.mapper().readValue(json, type);
    } catch (IOException e) {
      throw new FolderWatchException(
          "the state a previous release stored for a folder watch is unreadable", e);
    }
  }
}
