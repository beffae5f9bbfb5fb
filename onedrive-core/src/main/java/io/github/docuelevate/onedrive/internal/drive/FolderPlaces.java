package io.github.docuelevate.onedrive.internal.drive;

import io.github.docuelevate.onedrive.NotFoundException;
import io.github.docuelevate.onedrive.drive.DriveItem;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the folders met in one poll lie: their path and whether files in them are watched. Delta
 * answers carry no {@code parentReference.path}, so items are placed by their parent's id, from
 * folders seen in the same answer or by asking Graph for an unknown folder once per poll.
 */
final class FolderPlaces {
  /**
   * Where a folder lies.
   *
   * @param path its path from the drive's root ({@code ""} for the root and unknown places)
   * @param watched whether files in it are delivered (below the watched folder, not in the
   *     processed folder)
   */
  record Place(String path, boolean watched) {}

  private static final Place NOWHERE = new Place("", false);

  private final FolderService folders;
  private final String processedFolder;
  private final Map<String, Place> places = new HashMap<>();
  private String watchedId = "";

  FolderPlaces(FolderService folders, String processedFolder) {
    this.folders = folders;
    this.processedFolder = processedFolder;
  }

  void watched(String id, String path) {
    watchedId = id;
    places.put(id, new Place(path, true));
  }

  String watchedId() {
    return watchedId;
  }

  void put(String id, Place place) {
    places.put(id, place);
  }

  void putIfAbsent(String id, Place place) {
    places.putIfAbsent(id, place);
  }

  /** Forgets a deleted folder (never the watched one). */
  void remove(String id) {
    if (!id.equals(watchedId)) {
      places.remove(id);
    }
  }

  /** A place that is not watched: the drive's root, a processed folder, a deleted folder. */
  static Place nowhere() {
    return NOWHERE;
  }

  /**
   * Where a folder lies: from this poll's knowledge, else by asking Graph for the folder (whose
   * answer, unlike delta's, carries its path) and placing its parents the same way.
   */
  Place of(String folderId) {
    Place known = places.get(folderId);
    if (known != null) {
      return known;
    }
    DriveItem folderItem;
    try {
      folderItem = folders.itemById(folderId);
    } catch (NotFoundException e) {
      // Deleted since the change was recorded: nothing below it is watched any more.
      places.put(folderId, NOWHERE);
      return NOWHERE;
    }
    String parentId = folderItem.parentId();
    Place place = parentId == null ? NOWHERE : below(of(parentId), parentId, folderItem.name());
    places.put(folderId, place);
    return place;
  }

  /** The place of a folder named {@code name} in the folder {@code parentId}. */
  Place below(Place parent, String parentId, String name) {
    boolean processed = parentId.equals(watchedId) && name.equalsIgnoreCase(processedFolder);
    return new Place(join(parent.path(), name), parent.watched() && !processed);
  }

  static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }
}
