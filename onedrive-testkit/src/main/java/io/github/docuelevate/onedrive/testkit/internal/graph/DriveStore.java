package io.github.docuelevate.onedrive.testkit.internal.graph;

import io.github.docuelevate.onedrive.internal.path.OneDrivePathRules;
import io.github.docuelevate.onedrive.testkit.internal.graph.FakeDrive.OwnerKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Every drive and item of the fake. All state changes run under this object's monitor; request
 * handlers that render several items hold it too ({@code synchronized (store)}) so they see one
 * consistent state. File bytes are streamed to disk outside the lock and only committed under it.
 */
final class DriveStore {
  /** The default quota of a new drive: 1 TiB. */
  static final long DEFAULT_QUOTA = 1L << 40;

  /** An item and whether the request created it (201) or changed an existing one (200). */
  record Outcome(FakeItem item, boolean created) {}

  private final Clock clock;
  private final ContentFiles files;
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, FakeDrive> drives = new HashMap<>();
  private final Map<String, String> userDrives = new HashMap<>();
  private final Map<String, String> siteDrives = new HashMap<>();

  DriveStore(Clock clock, ContentFiles files) {
    this.clock = clock;
    this.files = files;
  }

  Instant now() {
    return clock.instant();
  }

  ContentFiles files() {
    return files;
  }

  // ---- drives ----

  /**
   * Returns a user's drive, creating it on first use.
   *
   * @param personal whether a new drive belongs to a personal Microsoft account
   */
  synchronized FakeDrive userDrive(String userObjectId, boolean personal) {
    String id = userDrives.get(userObjectId.toLowerCase(Locale.ROOT));
    FakeDrive known = id == null ? null : drives.get(id);
    if (known != null) {
      return known;
    }
    FakeDrive drive = newDrive("user:" + userObjectId, OwnerKind.USER, personal, userObjectId);
    userDrives.put(userObjectId.toLowerCase(Locale.ROOT), drive.id);
    return drive;
  }

  synchronized FakeDrive siteDrive(String siteId) {
    FakeDrive known = siteDriveIfExists(siteId);
    if (known != null) {
      return known;
    }
    FakeDrive drive = newDrive("site:" + siteId, OwnerKind.SITE, false, siteId);
    siteDrives.put(siteId.toLowerCase(Locale.ROOT), drive.id);
    return drive;
  }

  synchronized @Nullable FakeDrive siteDriveIfExists(String siteId) {
    String id = siteDrives.get(siteId.toLowerCase(Locale.ROOT));
    return id == null ? null : drives.get(id);
  }

  synchronized @Nullable FakeDrive drive(String driveId) {
    return drives.get(driveId);
  }

  synchronized FakeDrive requireDrive(String driveId) {
    FakeDrive drive = drives.get(driveId);
    if (drive == null) {
      throw GraphError.notFound("drive " + driveId);
    }
    return drive;
  }

  synchronized void reset() {
    drives.clear();
    userDrives.clear();
    siteDrives.clear();
  }

  private FakeDrive newDrive(String seed, OwnerKind kind, boolean personal, String ownerId) {
    String id =
        "b!"
            + UUID.nameUUIDFromBytes(seed.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))
                .toString()
                .replace("-", "");
    FakeItem root = new FakeItem(newId(), true, null, "root", now());
    FakeDrive drive = new FakeDrive(id, kind, personal, ownerId, root, DEFAULT_QUOTA);
    drives.put(id, drive);
    touch(drive, root);
    return drive;
  }

  private String newId() {
    return String.format(Locale.ROOT, "01FAKE%014X", ids.incrementAndGet());
  }

  // ---- lookups ----

  /** Resolves {@code names} below {@code base} (case-insensitive); 404 when any is missing. */
  synchronized FakeItem resolve(FakeDrive drive, FakeItem base, List<String> names) {
    FakeItem current = base;
    for (String name : names) {
      FakeItem next = current.folder ? current.child(name) : null;
      if (next == null) {
        throw GraphError.notFound(String.join("/", names));
      }
      current = next;
    }
    return current;
  }

  synchronized FakeItem item(FakeDrive drive, String itemId) {
    if (itemId.equalsIgnoreCase("root")) {
      return drive.root;
    }
    FakeItem item = drive.item(itemId);
    if (item == null) {
      throw GraphError.notFound("item " + itemId);
    }
    return item;
  }

  /** Returns the item's path below the root, names joined by {@code /} ({@code ""} for root). */
  synchronized String path(FakeDrive drive, FakeItem item) {
    Deque<String> names = new ArrayDeque<>();
    FakeItem current = item;
    while (current != null && !current.isRoot()) {
      names.addFirst(current.name);
      String parentId = current.parentId;
      current = parentId == null ? null : drive.items.get(parentId);
    }
    return String.join("/", names);
  }

  /** Returns whether {@code item} is {@code scope} or below it (deleted items included). */
  synchronized boolean isWithin(FakeDrive drive, FakeItem scope, FakeItem item) {
    FakeItem current = item;
    while (current != null) {
      if (current == scope) {
        return true;
      }
      String parentId = current.parentId;
      current = parentId == null ? null : drive.items.get(parentId);
    }
    return false;
  }

  // ---- changes ----

  /** Creates the missing folders of {@code names} below {@code base}; returns the last one. */
  synchronized FakeItem ensureFolders(FakeDrive drive, FakeItem base, List<String> names) {
    FakeItem current = base;
    for (String name : names) {
      FakeItem next = current.child(name);
      if (next == null) {
        checkName(drive, current, name);
        next = addItem(drive, current, name, true);
      } else if (!next.folder) {
        throw new GraphError(
            409, "nameAlreadyExists", "A file is in the way of folder " + name + ".");
      }
      current = next;
    }
    return current;
  }

  synchronized Outcome createFolder(
      FakeDrive drive, FakeItem parent, String name, Conflict conflict) {
    requireFolder(parent);
    checkName(drive, parent, name);
    FakeItem existing = parent.child(name);
    String finalName = name;
    if (existing != null) {
      switch (conflict) {
        case FAIL:
          throw GraphError.nameAlreadyExists(name);
        case REPLACE:
          delete(drive, existing);
          break;
        case RENAME:
          finalName = freeName(parent, name);
          break;
      }
    }
    return new Outcome(addItem(drive, parent, finalName, true), true);
  }

  /**
   * Commits uploaded bytes as a file: a new item, or new content for {@code target} (an existing
   * file addressed by id), or for the file of the same name when {@code conflict} is REPLACE.
   */
  synchronized Outcome commitFile(
      FakeDrive drive,
      FakeItem parent,
      String name,
      Conflict conflict,
      ContentFiles.Staged staged,
      @Nullable Instant fsCreated,
      @Nullable Instant fsModified,
      @Nullable FakeItem target) {
    FakeItem existing = target;
    String finalName = name;
    if (existing == null) {
      requireFolder(parent);
      checkName(drive, parent, name);
      existing = parent.child(name);
      if (existing != null) {
        switch (conflict) {
          case FAIL:
            throw GraphError.nameAlreadyExists(name);
          case RENAME:
            finalName = freeName(parent, name);
            existing = null;
            break;
          case REPLACE:
            if (existing.folder) {
              throw GraphError.nameAlreadyExists(name);
            }
            break;
        }
      }
    } else if (existing.deleted) {
      throw GraphError.notFound("item " + existing.id);
    } else if (existing.folder) {
      throw GraphError.invalidRequest("A folder has no content to replace.");
    }
    long freed = existing == null ? 0 : existing.size;
    if (staged.size() - freed > drive.remaining()) {
      throw GraphError.quota();
    }
    Instant now = now();
    FakeItem item;
    boolean created;
    if (existing == null) {
      item = addItem(drive, parent, finalName, false);
      created = true;
    } else {
      item = existing;
      files.discard(item.content);
      drive.used -= item.size;
      item.version++;
      item.contentVersion++;
      item.modified = now;
      created = false;
    }
    item.content = files.adopt(staged.file());
    item.size = staged.size();
    item.quickXorHash = staged.quickXorHash();
    item.sha1Hash = staged.sha1Hash();
    drive.used += item.size;
    item.fsModified = fsModified == null ? now : fsModified;
    if (fsCreated != null) {
      item.fsCreated = fsCreated;
    }
    touch(drive, item);
    return new Outcome(item, created);
  }

  synchronized FakeItem update(
      FakeDrive drive,
      FakeItem item,
      @Nullable String newName,
      @Nullable FakeItem newParent,
      Conflict conflict,
      @Nullable Instant fsCreated,
      @Nullable Instant fsModified) {
    if (item.isRoot() && (newName != null || newParent != null)) {
      throw new GraphError(403, "accessDenied", "The root folder cannot be moved or renamed.");
    }
    String name = newName == null ? item.name : newName;
    FakeItem parent = newParent == null ? item(drive, item.parentIdOrRoot()) : newParent;
    if (newName != null || newParent != null) {
      requireFolder(parent);
      if (item.folder && isWithin(drive, item, parent)) {
        throw GraphError.invalidRequest("A folder cannot be moved into itself.");
      }
      checkName(drive, parent, name);
      FakeItem existing = parent.child(name);
      if (existing != null && existing != item) {
        switch (conflict) {
          case FAIL:
            throw GraphError.nameAlreadyExists(name);
          case REPLACE:
            delete(drive, existing);
            break;
          case RENAME:
            name = freeName(parent, name);
            break;
        }
      }
      FakeItem oldParent = item(drive, item.parentIdOrRoot());
      oldParent.children.remove(FakeItem.key(item.name));
      touch(drive, oldParent);
      item.name = name;
      item.parentId = parent.id;
      parent.children.put(FakeItem.key(name), item);
      checkSubtreePaths(drive, item);
    }
    if (fsCreated != null) {
      item.fsCreated = fsCreated;
    }
    if (fsModified != null) {
      item.fsModified = fsModified;
    }
    item.version++;
    item.modified = now();
    touch(drive, item);
    return item;
  }

  synchronized void delete(FakeDrive drive, FakeItem item) {
    if (item.isRoot()) {
      throw new GraphError(403, "accessDenied", "The root folder cannot be deleted.");
    }
    FakeItem parent = item(drive, item.parentIdOrRoot());
    parent.children.remove(FakeItem.key(item.name));
    markDeleted(drive, item);
    touch(drive, parent);
  }

  synchronized void setQuota(FakeDrive drive, long total) {
    drive.quotaTotal = total;
  }

  synchronized void invalidateDeltaTokens(FakeDrive drive) {
    drive.deltaEpoch++;
  }

  private void markDeleted(FakeDrive drive, FakeItem item) {
    for (FakeItem child : new ArrayList<>(item.childList())) {
      markDeleted(drive, child);
    }
    item.children.clear();
    if (!item.folder && !item.deleted) {
      files.discard(item.content);
      item.content = null;
      drive.used -= item.size;
    }
    item.deleted = true;
    item.changeSeq = ++drive.changeSeq;
  }

  private FakeItem addItem(FakeDrive drive, FakeItem parent, String name, boolean folder) {
    FakeItem item = new FakeItem(newId(), folder, parent.id, name, now());
    parent.children.put(FakeItem.key(name), item);
    drive.items.put(item.id, item);
    touch(drive, item);
    return item;
  }

  /** Stamps the item and its ancestors with a new change number (they all show up in delta). */
  private void touch(FakeDrive drive, FakeItem item) {
    long seq = ++drive.changeSeq;
    FakeItem current = item;
    while (current != null) {
      current.changeSeq = seq;
      if (current != item) {
        current.version++;
      }
      String parentId = current.parentId;
      current = parentId == null ? null : drive.items.get(parentId);
    }
  }

  private void checkName(FakeDrive drive, FakeItem parent, String name) {
    OneDrivePathRules.checkName(name)
        .ifPresent(
            v -> {
              throw new GraphError(400, OneDrivePathRules.GRAPH_ERROR_CODE, v.message());
            });
    String parentPath = path(drive, parent);
    String full = parentPath.isEmpty() ? name : parentPath + "/" + name;
    OneDrivePathRules.checkPathLength(full)
        .ifPresent(
            v -> {
              throw new GraphError(400, OneDrivePathRules.GRAPH_ERROR_CODE, v.message());
            });
  }

  private void checkSubtreePaths(FakeDrive drive, FakeItem item) {
    String full = path(drive, item);
    OneDrivePathRules.checkPathLength(full)
        .ifPresent(
            v -> {
              throw new GraphError(400, OneDrivePathRules.GRAPH_ERROR_CODE, v.message());
            });
    for (FakeItem child : item.childList()) {
      checkSubtreePaths(drive, child);
    }
  }

  private static void requireFolder(FakeItem parent) {
    if (!parent.folder) {
      throw GraphError.invalidRequest("The parent item is not a folder.");
    }
  }

  /** Finds {@code name 1.ext}, {@code name 2.ext}, ... that is free in {@code parent}. */
  static String freeName(FakeItem parent, String name) {
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    for (int i = 1; ; i++) {
      String candidate = base + " " + i + ext;
      if (parent.child(candidate) == null) {
        return candidate;
      }
    }
  }
}
