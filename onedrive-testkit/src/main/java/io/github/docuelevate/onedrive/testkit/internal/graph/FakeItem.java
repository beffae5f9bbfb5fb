package io.github.docuelevate.onedrive.testkit.internal.graph;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** A file or folder; guarded by the {@link DriveStore}'s lock. */
final class FakeItem {
  final String id;
  final boolean folder;
  @Nullable String parentId;
  String name;

  /** Children by lower-case name (OneDrive names are case-insensitive, case-preserving). */
  final TreeMap<String, FakeItem> children = new TreeMap<>();

  long size;
  @Nullable Path content;
  @Nullable String quickXorHash;
  @Nullable String sha1Hash;

  Instant created;
  Instant modified;
  Instant fsCreated;
  Instant fsModified;
  int version = 1;
  int contentVersion = 1;
  long changeSeq;
  boolean deleted;

  FakeItem(String id, boolean folder, @Nullable String parentId, String name, Instant now) {
    this.id = id;
    this.folder = folder;
    this.parentId = parentId;
    this.name = name;
    this.created = now;
    this.modified = now;
    this.fsCreated = now;
    this.fsModified = now;
  }

  String parentIdOrRoot() {
    String parent = parentId;
    return parent == null ? "root" : parent;
  }

  boolean isRoot() {
    return parentId == null;
  }

  @Nullable FakeItem child(String childName) {
    return children.get(key(childName));
  }

  Collection<FakeItem> childList() {
    return children.values();
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
