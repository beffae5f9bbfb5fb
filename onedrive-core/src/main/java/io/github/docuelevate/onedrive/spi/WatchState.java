package io.github.docuelevate.onedrive.spi;

import io.github.docuelevate.onedrive.IntegrationKey;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link WatchStateStore} keeps about one folder watch of one integration: the delta cursor,
 * the lease of the poll running now, a bounded memory of what was delivered, and the outcome of the
 * last polls. Immutable; copy with {@link #toBuilder()}. It holds no secrets.
 *
 * <h2>Bounded memory</h2>
 *
 * The delta cursor tells Graph where the watch stands, so the watch needs no history of its own; it
 * remembers only what keeps a file from being delivered twice:
 *
 * <ul>
 *   <li>{@link #delivered()}: files handed to the handler that are still in the watched folder (a
 *       file moved to the processed folder or deleted is forgotten at once), id to content tag,
 *       oldest first, at most {@link #MAX_DELIVERED}. Every file delivered since the cursor last
 *       advanced is among them (a delta page holds at most 1,000 changes), so a poll that dies and
 *       resumes from the cursor never delivers one again. Beyond the bound the oldest are
 *       forgotten: such a file is delivered again only if Graph reports it once more without a
 *       change of content (a rename, a move within the folder, a full resynchronisation).
 *   <li>{@link #folders()}: subfolders below the watched folder known from earlier polls, at most
 *       {@link #MAX_FOLDERS}; a folder that appears and is not among them is listed once, because
 *       Graph reports a folder moved in without the files inside it.
 *   <li>{@link #sweeps()}: folders still to be listed that way, at most {@link #MAX_FOLDERS}.
 * </ul>
 *
 * A watch running for years over millions of files therefore keeps a state of a fixed maximum size.
 */
public final class WatchState {
  /** The most files {@link #delivered()} holds. */
  public static final int MAX_DELIVERED = 10_000;

  /** The most folders {@link #folders()} and {@link #sweeps()} each hold. */
  public static final int MAX_FOLDERS = 10_000;

  /** The longest watch id, in characters. */
  public static final int MAX_WATCH_ID_LENGTH = 255;

  /**
   * Who polls the watch now and until when the claim holds.
   *
   * @param holder the poll's random id
   * @param until when the claim runs out unless renewed
   */
  public record Lease(String holder, Instant until) {
    /** Checks the components. */
    public Lease {
      Objects.requireNonNull(holder, "holder");
      Objects.requireNonNull(until, "until");
    }
  }

  private final IntegrationKey key;
  private final String watchId;
  private final long version;
  private final @Nullable String cursor;
  private final @Nullable Lease lease;
  private final Map<String, String> delivered;
  private final Set<String> folders;
  private final Set<String> sweeps;
  private final @Nullable Instant lastSuccessAt;
  private final @Nullable Instant lastErrorAt;
  private final @Nullable String lastError;
  private final Instant updatedAt;

  private WatchState(Builder b) {
    this.key = b.key;
    this.watchId = b.watchId;
    if (b.version < 1) {
      throw new IllegalArgumentException("version must be at least 1, was " + b.version);
    }
    this.version = b.version;
    this.cursor = b.cursor;
    this.lease = b.lease;
    this.delivered = Collections.unmodifiableMap(bounded(b.delivered, MAX_DELIVERED, "delivered"));
    this.folders =
        Collections.unmodifiableSet(
            new LinkedHashSet<>(bounded(b.folders, MAX_FOLDERS, "folders")));
    this.sweeps =
        Collections.unmodifiableSet(new LinkedHashSet<>(bounded(b.sweeps, MAX_FOLDERS, "sweeps")));
    this.lastSuccessAt = b.lastSuccessAt;
    this.lastErrorAt = b.lastErrorAt;
    this.lastError = b.lastError;
    this.updatedAt = Objects.requireNonNull(b.updatedAt, "updatedAt");
  }

  private static Map<String, String> bounded(Map<String, String> map, int max, String name) {
    if (map.size() > max) {
      throw new IllegalArgumentException(name + " holds at most " + max + ", got " + map.size());
    }
    Map<String, String> copy = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> copy.put(Objects.requireNonNull(k, name), Objects.requireNonNull(v, name)));
    return copy;
  }

  private static Set<String> bounded(Set<String> set, int max, String name) {
    if (set.size() > max) {
      throw new IllegalArgumentException(name + " holds at most " + max + ", got " + set.size());
    }
    for (String id : set) {
      Objects.requireNonNull(id, name);
    }
    return set;
  }

  /**
   * Starts the first version of a watch's state.
   *
   * @param key the integration
   * @param watchId the watch, 1 to {@link #MAX_WATCH_ID_LENGTH} characters
   * @param now when it is written
   * @return a builder at version 1
   * @throws IllegalArgumentException if the watch id is empty or too long
   */
  public static Builder builder(IntegrationKey key, String watchId, Instant now) {
    return new Builder(key, watchId, now);
  }

  /**
   * Checks a watch id; for stores and the library.
   *
   * @param watchId the id
   * @return the id
   * @throws IllegalArgumentException if it is empty or longer than {@link #MAX_WATCH_ID_LENGTH}
   */
  public static String checkWatchId(String watchId) {
    Objects.requireNonNull(watchId, "watchId");
    if (watchId.isEmpty() || watchId.length() > MAX_WATCH_ID_LENGTH) {
      throw new IllegalArgumentException(
          "a watch id has 1 to " + MAX_WATCH_ID_LENGTH + " characters, has " + watchId.length());
    }
    return watchId;
  }

  /** Returns a builder holding this state's values, version included. */
  public Builder toBuilder() {
    Builder b = new Builder(key, watchId, updatedAt);
    b.version = version;
    b.cursor = cursor;
    b.lease = lease;
    b.delivered = new LinkedHashMap<>(delivered);
    b.folders = new LinkedHashSet<>(folders);
    b.sweeps = new LinkedHashSet<>(sweeps);
    b.lastSuccessAt = lastSuccessAt;
    b.lastErrorAt = lastErrorAt;
    b.lastError = lastError;
    return b;
  }

  /**
   * Returns a builder for the next version: version + 1, {@code updatedAt} = {@code now}.
   *
   * @param now the time of the change
   * @return the builder
   */
  public Builder nextVersion(Instant now) {
    return toBuilder().version(version + 1).updatedAt(now);
  }

  /** Returns the integration. */
  public IntegrationKey key() {
    return key;
  }

  /** Returns the watch's id ({@link io.github.docuelevate.onedrive.drive.WatchOptions#watchId}). */
  public String watchId() {
    return watchId;
  }

  /** Returns the version, 1 for the first write; see {@link WatchStateStore#compareAndSet}. */
  public long version() {
    return version;
  }

  /** Returns Graph's delta link or next link to continue from; {@code null} before the first. */
  public @Nullable String cursor() {
    return cursor;
  }

  /** Returns the lease of the poll running now, {@code null} when none runs. */
  public @Nullable Lease lease() {
    return lease;
  }

  /** Returns the files delivered and still in the folder, id to content tag, oldest first. */
  public Map<String, String> delivered() {
    return delivered;
  }

  /** Returns the known subfolders of the watched folder, by id, oldest first. */
  public Set<String> folders() {
    return folders;
  }

  /** Returns the folders whose files are still to be listed, by id, oldest first. */
  public Set<String> sweeps() {
    return sweeps;
  }

  /** Returns when a poll last succeeded. */
  public @Nullable Instant lastSuccessAt() {
    return lastSuccessAt;
  }

  /** Returns when a poll last failed. */
  public @Nullable Instant lastErrorAt() {
    return lastErrorAt;
  }

  /** Returns what failed in the last poll, {@code null} when it succeeded. */
  public @Nullable String lastError() {
    return lastError;
  }

  /** Returns when this version was written. */
  public Instant updatedAt() {
    return updatedAt;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof WatchState that)) {
      return false;
    }
    return version == that.version
        && key.equals(that.key)
        && watchId.equals(that.watchId)
        && Objects.equals(cursor, that.cursor)
        && Objects.equals(lease, that.lease)
        && delivered.equals(that.delivered)
        && List.copyOf(folders).equals(List.copyOf(that.folders))
        && List.copyOf(sweeps).equals(List.copyOf(that.sweeps))
        && Objects.equals(lastSuccessAt, that.lastSuccessAt)
        && Objects.equals(lastErrorAt, that.lastErrorAt)
        && Objects.equals(lastError, that.lastError)
        && updatedAt.equals(that.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, watchId, version, cursor, lease, delivered.size(), updatedAt);
  }

  /** Shows the key, version, lease and sizes; not the cursor. */
  @Override
  public String toString() {
    return "WatchState{key="
        + key
        + ", watchId="
        + watchId
        + ", version="
        + version
        + ", cursor="
        + (cursor == null ? "none" : "set")
        + ", lease="
        + lease
        + ", delivered="
        + delivered.size()
        + ", folders="
        + folders.size()
        + ", sweeps="
        + sweeps.size()
        + ", lastSuccessAt="
        + lastSuccessAt
        + ", lastErrorAt="
        + lastErrorAt
        + "}";
  }

  /** Builds a {@link WatchState}; {@link #build()} checks the bounds. */
  public static final class Builder {
    private final IntegrationKey key;
    private final String watchId;
    private long version = 1;
    private @Nullable String cursor;
    private @Nullable Lease lease;
    private Map<String, String> delivered = new LinkedHashMap<>();
    private Set<String> folders = new LinkedHashSet<>();
    private Set<String> sweeps = new LinkedHashSet<>();
    private @Nullable Instant lastSuccessAt;
    private @Nullable Instant lastErrorAt;
    private @Nullable String lastError;
    private Instant updatedAt;

    private Builder(IntegrationKey key, String watchId, Instant now) {
      this.key = Objects.requireNonNull(key, "key");
      this.watchId = checkWatchId(watchId);
      this.updatedAt = Objects.requireNonNull(now, "now");
    }

    /** Sets the version (at least 1). */
    public Builder version(long version) {
      this.version = version;
      return this;
    }

    /** Sets the cursor. */
    public Builder cursor(@Nullable String cursor) {
      this.cursor = cursor;
      return this;
    }

    /** Sets the lease, {@code null} for none. */
    public Builder lease(@Nullable Lease lease) {
      this.lease = lease;
      return this;
    }

    /** Replaces the delivered files (id to content tag, oldest first). */
    public Builder delivered(Map<String, String> delivered) {
      this.delivered = new LinkedHashMap<>(Objects.requireNonNull(delivered, "delivered"));
      return this;
    }

    /** Replaces the known subfolders (oldest first). */
    public Builder folders(Set<String> folders) {
      this.folders = new LinkedHashSet<>(Objects.requireNonNull(folders, "folders"));
      return this;
    }

    /** Replaces the folders still to be listed (oldest first). */
    public Builder sweeps(Set<String> sweeps) {
      this.sweeps = new LinkedHashSet<>(Objects.requireNonNull(sweeps, "sweeps"));
      return this;
    }

    /** Sets when a poll last succeeded. */
    public Builder lastSuccessAt(@Nullable Instant at) {
      this.lastSuccessAt = at;
      return this;
    }

    /** Sets the text and time of the last failure. */
    public Builder lastError(@Nullable String message, @Nullable Instant at) {
      this.lastError = message;
      this.lastErrorAt = at;
      return this;
    }

    /** Sets the text of the last failure, keeping its time. */
    public Builder lastErrorText(@Nullable String message) {
      this.lastError = message;
      return this;
    }

    /** Sets when this version is written. */
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
      return this;
    }

    /**
     * Builds the state.
     *
     * @return the state
     * @throws IllegalArgumentException if a memory exceeds its bound or the version is below 1
     */
    public WatchState build() {
      return new WatchState(this);
    }
  }
}
