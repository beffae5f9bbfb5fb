package io.github.docuelevate.onedrive.store.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.UnreadableRecordException;
import io.github.docuelevate.onedrive.spi.WatchState;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The stored form of a {@link WatchState}, shared by the JDBC and file stores: one JSON document
 * that repeats the owner, integration id and watch id it belongs to, so a state copied to another
 * row or file is refused on reading instead of steering another watch. Watch states hold no secrets
 * and are kept in clear; a state changed by someone with write access to the store can at worst
 * make a watch deliver files again or skip some, because the watch follows a cursor only to its own
 * integration's Graph endpoint and drive.
 */
public final class WatchStateCodec {
  /** The version of the document's layout. */
  public static final int FORMAT = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private WatchStateCodec() {}

  /**
   * Writes a state as its document.
   *
   * @param state the state
   * @return the JSON text
   */
  public static String encode(WatchState state) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("format", FORMAT);
    doc.put("owner", state.key().owner());
    doc.put("integrationId", state.key().integrationId());
    doc.put("watchId", state.watchId());
    doc.put("version", state.version());
    doc.put("cursor", state.cursor());
    WatchState.Lease lease = state.lease();
    if (lease != null) {
      doc.putObject("lease").put("holder", lease.holder()).put("until", lease.until().toString());
    }
    ObjectNode delivered = doc.putObject("delivered");
    state.delivered().forEach(delivered::put);
    ids(doc.putArray("folders"), state.folders());
    ids(doc.putArray("sweeps"), state.sweeps());
    doc.put("lastSuccessAt", text(state.lastSuccessAt()));
    doc.put("lastErrorAt", text(state.lastErrorAt()));
    doc.put("lastError", state.lastError());
    doc.put("updatedAt", state.updatedAt().toString());
    try {
      return JSON.writeValueAsString(doc);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a watch state document", e);
    }
  }

  /**
   * Reads a document, checking that it belongs to the integration and watch asked for.
   *
   * @param text the JSON text
   * @param key the integration it must belong to
   * @param watchId the watch it must belong to
   * @return the state
   * @throws UnreadableRecordException if the text is not a watch state of that integration and
   *     watch
   */
  public static WatchState decode(String text, IntegrationKey key, String watchId) {
    JsonNode doc;
    try {
      doc = JSON.readTree(text);
    } catch (IOException e) {
      throw unreadable(key, watchId, "it is not JSON");
    }
    if (doc == null || !doc.isObject() || doc.path("format").asInt(-1) != FORMAT) {
      throw unreadable(key, watchId, "it is not a watch state document of format " + FORMAT);
    }
    if (!key.owner().equals(doc.path("owner").asText(null))
        || !key.integrationId().equals(doc.path("integrationId").asText(null))
        || !watchId.equals(doc.path("watchId").asText(null))) {
      throw unreadable(key, watchId, "it holds the state of another integration or watch");
    }
    return decode(doc, key, watchId);
  }

  /**
   * Reads the integration key a document names, for listings; {@code null} if it names none.
   *
   * @param text the JSON text
   * @return the key and watch id, or {@code null}
   */
  public static Map.@Nullable Entry<IntegrationKey, String> keyOf(String text) {
    try {
      JsonNode doc = JSON.readTree(text);
      String owner = doc.path("owner").asText(null);
      String id = doc.path("integrationId").asText(null);
      String watchId = doc.path("watchId").asText(null);
      if (owner == null || id == null || watchId == null) {
        return null;
      }
      return Map.entry(new IntegrationKey(owner, id), watchId);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static WatchState decode(JsonNode doc, IntegrationKey key, String watchId) {
    try {
      Map<String, String> delivered = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = doc.path("delivered").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        delivered.put(e.getKey(), e.getValue().asText());
      }
      JsonNode lease = doc.path("lease");
      return WatchState.builder(key, watchId, instant(doc.path("updatedAt")))
          .version(doc.path("version").asLong(0))
          .cursor(nullableText(doc.path("cursor")))
          .lease(
              lease.isObject()
                  ? new WatchState.Lease(
                      lease.path("holder").asText(), instant(lease.path("until")))
                  : null)
          .delivered(delivered)
          .folders(ids(doc.path("folders")))
          .sweeps(ids(doc.path("sweeps")))
          .lastSuccessAt(nullableInstant(doc.path("lastSuccessAt")))
          .lastError(nullableText(doc.path("lastError")), nullableInstant(doc.path("lastErrorAt")))
          .build();
    } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      throw unreadable(key, watchId, "a field is missing or malformed (" + e.getMessage() + ")");
    }
  }

  private static void ids(ArrayNode array, Set<String> ids) {
    ids.forEach(array::add);
  }

  private static Set<String> ids(JsonNode array) {
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode id : array) {
      ids.add(id.asText());
    }
    return ids;
  }

  private static @Nullable String text(@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static @Nullable String nullableText(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }

  private static Instant instant(JsonNode node) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException("missing time");
    }
    return Instant.parse(node.asText());
  }

  private static @Nullable Instant nullableInstant(JsonNode node) {
    return node.isTextual() ? Instant.parse(node.asText()) : null;
  }

  private static UnreadableRecordException unreadable(
      IntegrationKey key, String watchId, String why) {
    return new UnreadableRecordException(key, "the state of watch '" + watchId + "': " + why, null);
  }
}
