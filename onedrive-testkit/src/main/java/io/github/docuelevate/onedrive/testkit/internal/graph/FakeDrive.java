package io.github.docuelevate.onedrive.testkit.internal.graph;

import java.time.Duration;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** One drive's state; guarded by the {@link DriveStore}'s lock. */
final class FakeDrive {
  /** Who owns a drive. */
  enum OwnerKind {
    USER,
    SITE
  }

  final String id;
  final OwnerKind ownerKind;
  final String ownerId;
  final FakeItem root;

  /** Every item ever created, deleted ones included (delta needs them), by id (creation order). */
  final TreeMap<String, FakeItem> items = new TreeMap<>();

  /** Whether the drive belongs to a personal Microsoft account ({@code driveType} personal). */
  final boolean personal;

  long quotaTotal;
  long used;

  /** The change counter: every change to an item stamps it (and its ancestors) with a new value. */
  long changeSeq;

  /** Delta tokens from an older epoch are answered with 410 resyncRequired. */
  int deltaEpoch;

  /** Delta tokens older than this are answered with 410 resyncRequired. */
  Duration deltaTokenLifetime = Duration.ofDays(30);

  FakeDrive(
      String id,
      OwnerKind ownerKind,
      boolean personal,
      String ownerId,
      FakeItem root,
      long quotaTotal) {
    this.id = id;
    this.ownerKind = ownerKind;
    this.personal = personal;
    this.ownerId = ownerId;
    this.root = root;
    this.quotaTotal = quotaTotal;
    items.put(root.id, root);
  }

  /**
   * Tells whether the drive's files carry a {@code sha1Hash}: only personal drives' do; work and
   * school drives and document libraries report the {@code quickXorHash} alone.
   */
  boolean reportsSha1() {
    return personal;
  }

  String driveType() {
    if (ownerKind == OwnerKind.SITE) {
      return "documentLibrary";
    }
    return personal ? "personal" : "business";
  }

  long remaining() {
    return Math.max(0, quotaTotal - used);
  }

  @Nullable FakeItem item(String itemId) {
    FakeItem item = items.get(itemId);
    return item == null || item.deleted ? null : item;
  }
}
