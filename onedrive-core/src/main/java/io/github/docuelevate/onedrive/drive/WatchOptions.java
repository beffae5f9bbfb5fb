package io.github.docuelevate.onedrive.drive;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link FolderWatch} watches and how. Immutable; build with {@link #builder(String)}.
 *
 * @param folderPath the watched folder (its subfolders included)
 * @param watchId names the watch's state (cursor, delivered files, health) in the watch state
 *     store, at most 255 characters; watches of one integration need distinct ids
 * @param start what the first poll delivers
 * @param processedFolder the name of the subfolder files are moved to with {@link
 *     Disposition#MOVE_TO_PROCESSED}; never delivered from
 * @param pageSize how many changes one request fetches, 1 to 1000
 * @param lease how long a poll holds the watch against polls from other nodes without delivering or
 *     saving progress (renewed at every delivery and page); make it longer than the slowest
 *     handler, or another node may take the watch over while a file is being handled and deliver
 *     that file again
 */
public record WatchOptions(
    String folderPath,
    String watchId,
    WatchStart start,
    String processedFolder,
    int pageSize,
    Duration lease) {

  /** The default {@link #lease()}: 10 minutes. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

  /** Checks the components. */
  public WatchOptions {
    Objects.requireNonNull(folderPath, "folderPath");
    Objects.requireNonNull(watchId, "watchId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(processedFolder, "processedFolder");
    Objects.requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    if (watchId.isBlank()) {
      throw new IllegalArgumentException("watchId must not be blank");
    }
    if (pageSize < 1 || pageSize > ListOptions.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "pageSize must be 1.." + ListOptions.MAX_PAGE_SIZE + ", was " + pageSize);
    }
  }

  /**
   * Starts options for a folder: watch id = the folder path, deliver everything present, processed
   * files go to {@code Processed}, 200 changes per request, a 10-minute lease.
   *
   * @param folderPath the watched folder
   * @return a builder
   */
  public static Builder builder(String folderPath) {
    return new Builder(folderPath);
  }

  /** Builds {@link WatchOptions}. */
  public static final class Builder {
    private final String folderPath;
    private @Nullable String watchId;
    private WatchStart start = WatchStart.EVERYTHING_PRESENT;
    private String processedFolder = "Processed";
    private int pageSize = ListOptions.DEFAULT_PAGE_SIZE;
    private Duration lease = DEFAULT_LEASE;

    private Builder(String folderPath) {
      this.folderPath = Objects.requireNonNull(folderPath, "folderPath");
    }

    /** Sets the watch id (default: the folder path). */
    public Builder watchId(String watchId) {
      this.watchId = Objects.requireNonNull(watchId, "watchId");
      return this;
    }

    /** Sets what the first poll delivers. */
    public Builder start(WatchStart start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /** Sets the name of the processed subfolder. */
    public Builder processedFolder(String name) {
      this.processedFolder = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Sets how many changes one request fetches. */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /** Sets how long a poll holds the watch against other nodes without progress. */
    public Builder lease(Duration lease) {
      this.lease = Objects.requireNonNull(lease, "lease");
      return this;
    }

    /** Builds the options. */
    public WatchOptions build() {
      return new WatchOptions(
          folderPath,
          watchId == null ? folderPath : watchId,
          start,
          processedFolder,
          pageSize,
          lease);
    }
  }
}
