package io.github.docuelevate.onedrive.drive;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one download to a local path behaves. Immutable; build with {@link #builder()}. The defaults:
 * an interrupted download is resumed by the next call ({@link PartialDownload#RESUME}), no progress
 * listener.
 */
public final class DownloadOptions {
  private static final DownloadOptions DEFAULTS = builder().build();

  private final PartialDownload partialDownload;
  private final @Nullable DownloadProgressListener progressListener;

  private DownloadOptions(Builder b) {
    this.partialDownload = b.partialDownload;
    this.progressListener = b.progressListener;
  }

  /** Returns the defaults. */
  public static DownloadOptions defaults() {
    return DEFAULTS;
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns what happens to the bytes of a download that did not complete. */
  public PartialDownload partialDownload() {
    return partialDownload;
  }

  /** Returns the progress listener, if any. */
  public @Nullable DownloadProgressListener progressListener() {
    return progressListener;
  }

  @Override
  public String toString() {
    return "DownloadOptions{partialDownload="
        + partialDownload
        + ", progressListener="
        + (progressListener == null ? "none" : "set")
        + "}";
  }

  /** Builds {@link DownloadOptions}. */
  public static final class Builder {
    private PartialDownload partialDownload = PartialDownload.RESUME;
    private @Nullable DownloadProgressListener progressListener;

    private Builder() {}

    /** Sets what happens to the bytes of a download that did not complete. */
    public Builder partialDownload(PartialDownload partialDownload) {
      this.partialDownload = Objects.requireNonNull(partialDownload, "partialDownload");
      return this;
    }

    /** Sets the progress listener. */
    public Builder progressListener(DownloadProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Returns the options. */
    public DownloadOptions build() {
      return new DownloadOptions(this);
    }
  }
}
