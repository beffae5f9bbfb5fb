package io.github.docuelevate.onedrive.drive;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How one upload behaves. Immutable; build with {@link #builder()}. The defaults: fail when the
 * name is taken, no listeners, the integration's fragment sizes, a local file's modified time sent
 * along when the file goes through an upload session anyway ({@link FileModifiedTime#IF_SESSION}),
 * the content hash checked.
 */
public final class UploadOptions {
  private static final UploadOptions DEFAULTS = builder().build();

  private final ConflictBehavior conflictBehavior;
  private final @Nullable UploadProgressListener progressListener;
  private final @Nullable Consumer<ResumableUpload> sessionListener;
  private final int fragmentSize;
  private final @Nullable Instant lastModified;
  private final FileModifiedTime fileModifiedTime;
  private final boolean verifyHash;

  private UploadOptions(Builder b) {
    this.conflictBehavior = b.conflictBehavior;
    this.progressListener = b.progressListener;
    this.sessionListener = b.sessionListener;
    this.fragmentSize = b.fragmentSize;
    this.lastModified = b.lastModified;
    this.fileModifiedTime = b.fileModifiedTime;
    this.verifyHash = b.verifyHash;
  }

  /** Returns the defaults. */
  public static UploadOptions defaults() {
    return DEFAULTS;
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns what happens when the name is taken. */
  public ConflictBehavior conflictBehavior() {
    return conflictBehavior;
  }

  /** Returns the progress listener, if any. */
  public @Nullable UploadProgressListener progressListener() {
    return progressListener;
  }

  /** Returns who hears of a new upload session (to keep it for a resume), if anyone. */
  public @Nullable Consumer<ResumableUpload> sessionListener() {
    return sessionListener;
  }

  /** Returns the fragment size for this upload, or 0 for the integration's. */
  public int fragmentSize() {
    return fragmentSize;
  }

  /** Returns the modified time to record on the uploaded file, if set explicitly. */
  public @Nullable Instant lastModified() {
    return lastModified;
  }

  /**
   * Returns whether a local file's modified time may be sent along: {@code false} only for {@link
   * FileModifiedTime#NEVER}; see {@link #fileModifiedTime()} for when it is.
   */
  public boolean keepFileModifiedTime() {
    return fileModifiedTime != FileModifiedTime.NEVER;
  }

  /** Returns when a local file's modified time is recorded on the uploaded item. */
  public FileModifiedTime fileModifiedTime() {
    return fileModifiedTime;
  }

  /** Returns whether the uploaded content's {@code quickXorHash} is compared with the local one. */
  public boolean verifyHash() {
    return verifyHash;
  }

  @Override
  public String toString() {
    return "UploadOptions{conflictBehavior="
        + conflictBehavior
        + ", fragmentSize="
        + (fragmentSize == 0 ? "default" : fragmentSize)
        + ", lastModified="
        + lastModified
        + ", fileModifiedTime="
        + fileModifiedTime
        + ", verifyHash="
        + verifyHash
        + "}";
  }

  /** Builds {@link UploadOptions}. */
  public static final class Builder {
    private ConflictBehavior conflictBehavior = ConflictBehavior.FAIL;
    private @Nullable UploadProgressListener progressListener;
    private @Nullable Consumer<ResumableUpload> sessionListener;
    private int fragmentSize;
    private @Nullable Instant lastModified;
    private FileModifiedTime fileModifiedTime = FileModifiedTime.IF_SESSION;
    private boolean verifyHash = true;

    private Builder() {}

    /** Sets what happens when the name is taken. */
    public Builder conflictBehavior(ConflictBehavior behavior) {
      this.conflictBehavior = Objects.requireNonNull(behavior, "behavior");
      return this;
    }

    /** Sets the progress listener. */
    public Builder progressListener(UploadProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets who hears of each new upload session, to persist it for {@link Uploads#resume} after a
     * restart of the host process. The {@link ResumableUpload} holds a secret URL: store it as
     * such.
     */
    public Builder sessionListener(Consumer<ResumableUpload> listener) {
      this.sessionListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets this upload's fragment size.
     *
     * @param bytes a multiple of {@link DriveOptions#FRAGMENT_UNIT} up to {@link
     *     DriveOptions#MAX_FRAGMENT_SIZE}
     * @return this builder
     * @throws IllegalArgumentException if the size breaks Graph's fragment rules
     */
    public Builder fragmentSize(int bytes) {
      this.fragmentSize = DriveOptions.checkFragmentSize(bytes);
      return this;
    }

    /** Sets the modified time to record on the uploaded file (instead of the local file's). */
    public Builder lastModified(Instant lastModified) {
      this.lastModified = Objects.requireNonNull(lastModified, "lastModified");
      return this;
    }

    /**
     * Sets whether a local file's modified time is recorded: {@code true} is {@link
     * FileModifiedTime#ALWAYS} (a small file then takes two requests), {@code false} is {@link
     * FileModifiedTime#NEVER}. The default is {@link FileModifiedTime#IF_SESSION}.
     */
    public Builder keepFileModifiedTime(boolean keep) {
      return fileModifiedTime(keep ? FileModifiedTime.ALWAYS : FileModifiedTime.NEVER);
    }

    /**
     * Sets when a local file's modified time is recorded (default {@link
     * FileModifiedTime#IF_SESSION}).
     */
    public Builder fileModifiedTime(FileModifiedTime when) {
      this.fileModifiedTime = Objects.requireNonNull(when, "when");
      return this;
    }

    /** Sets whether the uploaded content's hash is checked (default {@code true}). */
    public Builder verifyHash(boolean verify) {
      this.verifyHash = verify;
      return this;
    }

    /** Builds the options. */
    public UploadOptions build() {
      return new UploadOptions(this);
    }
  }
}
