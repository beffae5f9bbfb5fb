package io.github.docuelevate.onedrive.internal.drive;

import io.github.docuelevate.onedrive.spi.WatchState;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The working copy of what a watch remembers during one poll: the cursor and the bounded memories
 * of {@link WatchState}. Written back with {@link #writeTo}, which forgets the oldest entries
 * beyond the bounds. Not thread-safe; one poll owns it.
 */
final class WatchMemory {
  @Nullable String cursor;

  /** Files delivered and still in the folder: id to content tag, oldest first. */
  final Map<String, String> delivered;

  /** The watched subfolders known from earlier polls (not the processed folder's). */
  final Set<String> knownFolders;

  /** Watched folders whose files are still to be listed, oldest first. */
  final Set<String> sweeps;

  WatchMemory(
      @Nullable String cursor,
      Map<String, String> delivered,
      Set<String> knownFolders,
      Set<String> sweeps) {
    this.cursor = cursor;
    this.delivered = new LinkedHashMap<>(delivered);
    this.knownFolders = new LinkedHashSet<>(knownFolders);
    this.sweeps = new LinkedHashSet<>(sweeps);
  }

  static WatchMemory of(WatchState state) {
    return new WatchMemory(state.cursor(), state.delivered(), state.folders(), state.sweeps());
  }

  /** Forgets everything: the watch starts over. */
  void clear() {
    cursor = null;
    delivered.clear();
    knownFolders.clear();
    sweeps.clear();
  }

  /** Records a delivery as the newest one. */
  void delivered(String id, String tag) {
    delivered.remove(id);
    delivered.put(id, tag);
  }

  /** Sets cursor and memories on {@code state}, each trimmed to its bound (oldest out first). */
  void writeTo(WatchState.Builder state) {
    trim(delivered.keySet(), WatchState.MAX_DELIVERED);
    trim(knownFolders, WatchState.MAX_FOLDERS);
    trim(sweeps, WatchState.MAX_FOLDERS);
    state.cursor(cursor).delivered(delivered).folders(knownFolders).sweeps(sweeps);
  }

  private static void trim(Set<String> oldestFirst, int max) {
    Iterator<String> it = oldestFirst.iterator();
    for (int excess = oldestFirst.size() - max; excess > 0 && it.hasNext(); excess--) {
      it.next();
      it.remove();
    }
  }

  /** The text every message of the watch {@code watchId} starts with. */
  static String errorPrefix(String watchId) {
    return "watch '" + watchId + "': ";
  }
}
