package io.github.docuelevate.onedrive.drive;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How drive operations talk to Graph: the {@code User-Agent}, upload fragment sizes and the request
 * timeout (retries follow the {@link io.github.docuelevate.onedrive.RetryPolicy} given to {@link
 * io.github.docuelevate.onedrive.OneDrive.Builder}). Immutable; build with {@link #builder()}, copy
 * with {@link #toBuilder()}. The defaults suit most host applications.
 */
public final class DriveOptions {
  /** Upload fragments must be multiples of this many bytes (320 KiB). */
  public static final int FRAGMENT_UNIT = 320 * 1024;

  /** Every upload request must be smaller than this many bytes (60 MiB). */
  public static final int MAX_REQUEST_BYTES = 60 * 1024 * 1024;

  /** The largest allowed fragment size: the largest multiple of 320 KiB below 60 MiB. */
  public static final int MAX_FRAGMENT_SIZE =
      (MAX_REQUEST_BYTES - 1) / FRAGMENT_UNIT * FRAGMENT_UNIT;

  /** The default fragment size, 10 MiB (32 × 320 KiB). */
  public static final int DEFAULT_FRAGMENT_SIZE = 32 * FRAGMENT_UNIT;

  /**
   * The default {@link #largeFileFragmentSize()}, 40 MiB (128 × 320 KiB): a 1 GiB file takes 26
   * fragments instead of 103, and a fragment lost to a broken connection re-sends at most this.
   */
  public static final int DEFAULT_LARGE_FILE_FRAGMENT_SIZE = 128 * FRAGMENT_UNIT;

  /**
   * A file source is sent in fragments of about this share of its size (one eighth), between {@link
   * #fragmentSize()} and {@link #largeFileFragmentSize()}.
   */
  static final int FILE_FRAGMENTS = 8;

  /** The largest file sent with a single request instead of an upload session (4 MiB). */
  public static final int MAX_SIMPLE_UPLOAD_SIZE = 4 * 1024 * 1024;

  private static final String LIBRARY_AGENT = "onedrive-java/0.1";

  private final @Nullable String applicationAgent;
  private final int fragmentSize;
  private final int largeFileFragmentSize;
  private final int simpleUploadLimit;
  private final Duration requestTimeout;

  private DriveOptions(Builder b) {
    this.applicationAgent = b.applicationAgent;
    this.fragmentSize = b.fragmentSize;
    this.largeFileFragmentSize = b.largeFileFragmentSize;
    this.simpleUploadLimit = b.simpleUploadLimit;
    this.requestTimeout = b.requestTimeout;
  }

  /** Returns the default options. */
  public static DriveOptions defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.applicationAgent = applicationAgent;
    b.fragmentSize = fragmentSize;
    b.largeFileFragmentSize = largeFileFragmentSize;
    b.simpleUploadLimit = simpleUploadLimit;
    b.requestTimeout = requestTimeout;
    return b;
  }

  /**
   * Returns the {@code User-Agent} sent with every request: the host application's decoration
   * ({@code ISV|company|app/version}), if set, followed by this library's name and version.
   */
  public String userAgent() {
    return applicationAgent == null ? LIBRARY_AGENT : applicationAgent + " " + LIBRARY_AGENT;
  }

  /** Returns the upload fragment size in bytes (a multiple of {@link #FRAGMENT_UNIT}). */
  public int fragmentSize() {
    return fragmentSize;
  }

  /**
   * Returns the largest fragment size for a large file source (a local file, or a stream spooled to
   * one): such a file is read positionally, so a fragment costs no memory and a larger one saves
   * requests. A file goes in fragments of one eighth of its size, rounded up to {@link
   * #FRAGMENT_UNIT}, but at least {@link #fragmentSize()} and at most this; streams and bytes use
   * {@link #fragmentSize()}, and {@link UploadOptions.Builder#fragmentSize} fixes one upload's.
   */
  public int largeFileFragmentSize() {
    return largeFileFragmentSize;
  }

  /**
   * Returns the fragment size for a file source of {@code size} bytes: one eighth of it rounded up
   * to {@link #FRAGMENT_UNIT}, between {@link #fragmentSize()} and {@link
   * #largeFileFragmentSize()}.
   *
   * @param size the file's size in bytes
   * @return the fragment size in bytes
   */
  public int fileFragmentSize(long size) {
    long eighth = (size / FILE_FRAGMENTS + FRAGMENT_UNIT - 1) / FRAGMENT_UNIT * FRAGMENT_UNIT;
    return (int) Math.max(fragmentSize, Math.min(largeFileFragmentSize, eighth));
  }

  /** Returns the size up to which a file is sent with one request instead of a session. */
  public int simpleUploadLimit() {
    return simpleUploadLimit;
  }

  /** Returns how long one request may take until its response headers arrive. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  @Override
  public String toString() {
    return "DriveOptions{userAgent="
        + userAgent()
        + ", fragmentSize="
        + fragmentSize
        + ", largeFileFragmentSize="
        + largeFileFragmentSize
        + ", simpleUploadLimit="
        + simpleUploadLimit
        + ", requestTimeout="
        + requestTimeout
        + "}";
  }

  /** Builds {@link DriveOptions}; every setter validates its value. */
  public static final class Builder {
    private @Nullable String applicationAgent;
    private int fragmentSize = DEFAULT_FRAGMENT_SIZE;
    private int largeFileFragmentSize = DEFAULT_LARGE_FILE_FRAGMENT_SIZE;
    private int simpleUploadLimit = MAX_SIMPLE_UPLOAD_SIZE;
    private Duration requestTimeout = Duration.ofMinutes(2);

    private Builder() {}

    /**
     * Decorates the {@code User-Agent} the way Microsoft asks independent software vendors to:
     * {@code ISV|company|app/version}.
     *
     * @param company the vendor's name
     * @param application the application's name
     * @param version the application's version
     * @return this builder
     * @throws IllegalArgumentException if a part is blank or contains {@code |}, a space or a
     *     control character
     */
    public Builder userAgent(String company, String application, String version) {
      this.applicationAgent =
          "ISV|"
              + agentPart(company, "company")
              + "|"
              + agentPart(application, "application")
              + "/"
              + agentPart(version, "version");
      return this;
    }

    /**
     * Sets the upload fragment size.
     *
     * @param bytes a multiple of {@link #FRAGMENT_UNIT} (320 KiB), at most {@link
     *     #MAX_FRAGMENT_SIZE}
     * @return this builder
     * @throws IllegalArgumentException if the size breaks Graph's fragment rules
     */
    public Builder fragmentSize(int bytes) {
      this.fragmentSize = checkFragmentSize(bytes);
      return this;
    }

    /**
     * Sets the largest fragment size for large file sources (see {@link
     * DriveOptions#largeFileFragmentSize()}); set it to the {@link #fragmentSize(int)} to send
     * files in fragments of that size too.
     *
     * @param bytes a multiple of {@link #FRAGMENT_UNIT} (320 KiB), at most {@link
     *     #MAX_FRAGMENT_SIZE}
     * @return this builder
     * @throws IllegalArgumentException if the size breaks Graph's fragment rules
     */
    public Builder largeFileFragmentSize(int bytes) {
      this.largeFileFragmentSize = checkFragmentSize(bytes);
      return this;
    }

    /**
     * Sets the size up to which a file is sent with one request instead of an upload session.
     *
     * @param bytes 0 to {@link #MAX_SIMPLE_UPLOAD_SIZE}; empty files always use one request
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder simpleUploadLimit(int bytes) {
      if (bytes < 0 || bytes > MAX_SIMPLE_UPLOAD_SIZE) {
        throw new IllegalArgumentException(
            "simpleUploadLimit must be 0.." + MAX_SIMPLE_UPLOAD_SIZE + ", was " + bytes);
      }
      this.simpleUploadLimit = bytes;
      return this;
    }

    /**
     * Sets how long one request may take until its response headers arrive.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder requestTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("requestTimeout must be positive, was " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    /** Builds the options. */
    public DriveOptions build() {
      return new DriveOptions(this);
    }
  }

  static int checkFragmentSize(int bytes) {
    if (bytes < FRAGMENT_UNIT || bytes % FRAGMENT_UNIT != 0 || bytes > MAX_FRAGMENT_SIZE) {
      throw new IllegalArgumentException(
          "a fragment size must be a multiple of 320 KiB ("
              + FRAGMENT_UNIT
              + " bytes) between "
              + FRAGMENT_UNIT
              + " and "
              + MAX_FRAGMENT_SIZE
              + " bytes (below 60 MiB), was "
              + bytes);
    }
    return bytes;
  }

  private static String agentPart(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException("the User-Agent " + what + " must not be blank");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '|' || c == '/' || c <= ' ' || c >= 0x7F) {
        throw new IllegalArgumentException(
            "the User-Agent "
                + what
                + " may only contain printable ASCII without spaces, '|' or '/': '"
                + value
                + "'");
      }
    }
    return value;
  }
}
