package io.github.docuelevate.onedrive.testkit.internal.graph;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One resumable upload. Fragments arrive in order; {@code received} bytes are on disk in {@code
 * file} (null when the fake keeps no contents) and already hashed. Guarded by {@code lock} (one
 * fragment at a time).
 */
final class UploadSession {
  final String id;
  final String driveId;

  /** The item the path is resolved from at commit time. */
  final String baseItemId;

  /** The folders below {@code baseItemId} (created at commit when missing). */
  final List<String> folders;

  final String name;
  final Conflict conflict;

  /** For a session on an existing file addressed by id: that file. */
  final @Nullable String targetItemId;

  final @Nullable Instant fsCreated;
  final @Nullable Instant fsModified;
  final @Nullable Path file;
  final ReentrantLock lock = new ReentrantLock();

  long total = -1;
  long received;
  Hashers hashers;
  volatile Instant expiry;
  volatile boolean closed;

  UploadSession(
      String id,
      String driveId,
      String baseItemId,
      List<String> folders,
      String name,
      Conflict conflict,
      @Nullable String targetItemId,
      @Nullable Instant fsCreated,
      @Nullable Instant fsModified,
      @Nullable Path file,
      boolean sha1,
      Instant expiry) {
    this.id = id;
    this.driveId = driveId;
    this.baseItemId = baseItemId;
    this.folders = List.copyOf(folders);
    this.name = name;
    this.conflict = conflict;
    this.targetItemId = targetItemId;
    this.fsCreated = fsCreated;
    this.fsModified = fsModified;
    this.file = file;
    this.hashers = new Hashers(sha1);
    this.expiry = expiry;
  }

  List<String> nextExpectedRanges() {
    return List.of(total < 0 ? received + "-" : received + "-" + (total - 1));
  }
}
