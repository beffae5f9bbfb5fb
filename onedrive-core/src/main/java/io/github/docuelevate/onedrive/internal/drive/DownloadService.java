package io.github.docuelevate.onedrive.internal.drive;

import io.github.docuelevate.onedrive.AccessDeniedException;
import io.github.docuelevate.onedrive.ContentMismatchException;
import io.github.docuelevate.onedrive.NotFoundException;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.UnexpectedResponseException;
import io.github.docuelevate.onedrive.drive.DownloadOptions;
import io.github.docuelevate.onedrive.drive.DownloadProgressListener;
import io.github.docuelevate.onedrive.drive.Downloads;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.event.OneDriveEvent;
import io.github.docuelevate.onedrive.internal.transport.GraphErrors;
import io.github.docuelevate.onedrive.internal.transport.GraphRequest;
import io.github.docuelevate.onedrive.internal.transport.GraphTransport;
import io.github.docuelevate.onedrive.internal.transport.RetryLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Streams files out of Graph with resume and verification. Thread-safe. */
public final class DownloadService implements Downloads {
  private static final Logger LOG = LoggerFactory.getLogger(DownloadService.class);
  private static final int BUFFER = 64 * 1024;

  /** How many bytes arrive between two progress events. */
  private static final long PROGRESS_STEP = 1024 * 1024;

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "onedrive-download-watchdog");
            t.setDaemon(true);
            return t;
          });

  private final DriveContext drive;
  private final FolderService folders;

  /**
   * Creates the service.
   *
   * @param drive the integration's drive
   * @param folders the folder service of the same drive
   */
  public DownloadService(DriveContext drive, FolderService folders) {
    this.drive = Objects.requireNonNull(drive, "drive");
    this.folders = Objects.requireNonNull(folders, "folders");
  }

  @Override
  public DriveItem download(String path, Path target, DownloadOptions options) {
    DrivePath source = DrivePath.parse(path);
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    return toFile(folders.get(source), target, options);
  }

  @Override
  public DriveItem downloadById(String itemId, Path target, DownloadOptions options) {
    DriveContext.requireId(itemId);
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    return toFile(folders.itemById(itemId), target, options);
  }

  @Override
  public DriveItem download(String path, OutputStream out) {
    DrivePath source = DrivePath.parse(path);
    Objects.requireNonNull(out, "out");
    return copy(folders.get(source), out);
  }

  @Override
  public DriveItem downloadById(String itemId, OutputStream out) {
    DriveContext.requireId(itemId);
    Objects.requireNonNull(out, "out");
    return copy(folders.itemById(itemId), out);
  }

  private DriveItem toFile(DriveItem item, Path target, DownloadOptions options) {
    String what = describe(item);
    ContentCheck check = new ContentCheck(item);
    try (PartFile part = PartFile.open(target, item, options.partialDownload(), check)) {
      try {
        fetch(item, what, part, check, part.validator(), options.progressListener());
      } catch (ContentMismatchException e) {
        part.discard();
        throw e;
      }
      part.commit(target.toAbsolutePath());
      return item;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the download to " + target, e);
    }
  }

  private DriveItem copy(DriveItem item, OutputStream out) {
    fetch(item, describe(item), DownloadSink.of(out), new ContentCheck(item), null, null);
    return item;
  }

  private static String describe(DriveItem item) {
    if (item.folder()) {
      throw new IllegalArgumentException("'" + item.name() + "' is a folder, not a file");
    }
    return "download of '" + (item.path() == null ? item.id() : item.path()) + "'";
  }

  /**
   * Fetches the bytes after those {@code check} holds into {@code sink}, then checks the whole
   * file's size and hash.
   */
  private void fetch(
      DriveItem item,
      String what,
      DownloadSink sink,
      ContentCheck check,
      @Nullable String validator,
      @Nullable DownloadProgressListener listener) {
    if (listener != null) {
      listener.progress(check.length(), item.size());
    }
    long started = System.nanoTime();
    long kept = check.length();
    if (check.length() < item.size() || item.size() == 0) {
      Transfer transfer = new Transfer(item, sink, what, check, validator, listener);
      drive.transport().retry().run(what, transfer::attempt);
      transfer.report(true);
    }
    check.verify(what);
    drive.emit(
        new OneDriveEvent.DownloadCompleted(
            drive.key(),
            item.id(),
            check.length() - kept,
            Duration.ofNanos(System.nanoTime() - started)));
  }

  /**
   * One download's state across its tries: the bytes received so far (in {@code check}), the URL in
   * use and the entity tag the bytes were served under.
   */
  private final class Transfer {
    private final DriveItem item;
    private final DownloadSink sink;
    private final String what;
    private final ContentCheck check;
    private final @Nullable DownloadProgressListener listener;
    private final byte[] buffer = new byte[BUFFER];
    private @Nullable String validator;
    private long reported = -1;
    private @Nullable URI url;

    Transfer(
        DriveItem item,
        DownloadSink sink,
        String what,
        ContentCheck check,
        @Nullable String validator,
        @Nullable DownloadProgressListener listener) {
      this.item = item;
      this.sink = sink;
      this.what = what;
      this.check = check;
      this.validator = validator;
      this.listener = listener;
    }

    /** Fetches the bytes from {@code check.length()} on; the result is the file's size. */
    RetryLoop.Outcome<Long> attempt(int attempt) throws InterruptedException {
      long mark = check.length();
      String operation = what + " from byte " + mark;
      try {
        URI from = url == null ? downloadUrl(item, what) : url;
        url = from;
        GraphRequest get =
            new GraphRequest("GET", from, null, rangeHeaders(mark), false, operation);
        HttpResponse<InputStream> response =
            drive.transport().sendOnce(get, BodyHandlers.ofInputStream());
        if (!RetryLoop.answered(response)) {
          RetryLoop.Failure failure =
              drive.transport().retry().classify(get.operation(), response, attempt);
          OneDriveException refused = failure.exception();
          if (refused instanceof AccessDeniedException || refused instanceof NotFoundException) {
            // The pre-authenticated URL expired: ask Graph for a fresh one.
            url = null;
            return new RetryLoop.Failed<>(failedAt(refused), failure.retryAfter(), false);
          }
          return failure.retriedOrThrown(this::failedAt);
        }
        long skip = startAt(response, mark);
        try (InputStream in = response.body();
            StallGuard guard = new StallGuard(in, drive.transport().options().requestTimeout())) {
          int n;
          while ((n = in.read(buffer)) >= 0) {
            guard.progress();
            int start = (int) Math.min(skip, n);
            skip -= start;
            if (n > start) {
              check.update(buffer, start, n - start);
              sink.write(buffer, start, n - start);
              if (listener != null) {
                listener.progress(check.length(), item.size());
              }
              report(false);
            }
          }
        }
        if (check.length() >= item.size()) {
          return new RetryLoop.Done<>(check.length());
        }
        throw new IOException("the answer ended at byte " + check.length() + " of " + item.size());
      } catch (IOException e) {
        return new RetryLoop.Failed<>(
            failedAt(GraphErrors.fromIo(operation, e, attempt)), null, check.length() > mark);
      }
    }

    /** {@code Range} for the bytes after {@code from}, guarded by the entity tag they came with. */
    private Map<String, String> rangeHeaders(long from) {
      if (from == 0) {
        return Map.of();
      }
      String tag = validator;
      return tag == null
          ? Map.of("Range", "bytes=" + from + "-")
          : Map.of("Range", "bytes=" + from + "-", "If-Range", tag);
    }

    /**
     * Reads how an answer relates to the bytes held: returns how many leading body bytes to skip. A
     * whole-file answer to a range request (the file changed and {@code If-Range} failed, or the
     * server ignores ranges) starts a restartable sink over; a caller's stream skips the bytes it
     * has, unless the entity tag shows the file changed.
     */
    private long startAt(HttpResponse<InputStream> response, long held) throws IOException {
      String eTag = response.headers().firstValue("ETag").orElse(null);
      Optional<String> contentRange = response.headers().firstValue("Content-Range");
      if (contentRange.isPresent()) {
        long first = firstByte(contentRange.get());
        if (first != held) {
          throw new IOException(
              "asked for the bytes from " + held + ", the answer starts at byte " + first);
        }
        return 0;
      }
      if (held == 0 || sink.restart()) {
        if (held > 0) {
          LOG.debug("{}: the whole file came back for a range request; starting over", what);
          check.reset();
        }
        validator = eTag;
        sink.validator(eTag);
        return 0;
      }
      if (validator != null && eTag != null && !validator.equals(eTag)) {
        throw new ContentMismatchException(
            what + ": the file changed in the drive during the download; download it again",
            item.id());
      }
      return held;
    }

    /**
     * Reports the bytes check.length(): each {@link #PROGRESS_STEP} while the bytes arrive, and
     * once when they are all there ({@code finished}) unless that was just reported.
     */
    void report(boolean finished) {
      boolean due =
          finished
              ? check.length() != reported
              : check.length() - Math.max(reported, 0) >= PROGRESS_STEP;
      if (due) {
        reported = check.length();
        drive.emit(
            new OneDriveEvent.DownloadProgress(
                drive.key(), item.id(), check.length(), item.size()));
      }
    }

    private OneDriveException failedAt(OneDriveException failure) {
      return GraphErrors.withContext(
          failure, what + " failed at byte " + check.length() + " of " + item.size());
    }
  }

  /** Reads the first byte of {@code Content-Range: bytes first-last/total}. */
  private static long firstByte(String contentRange) throws IOException {
    String value = contentRange.trim();
    int dash = value.indexOf('-');
    if (!value.startsWith("bytes ") || dash < 0) {
      throw new IOException("unreadable Content-Range: " + value);
    }
    try {
      return Long.parseLong(value.substring("bytes ".length(), dash).trim());
    } catch (NumberFormatException e) {
      throw new IOException("unreadable Content-Range: " + value, e);
    }
  }

  /**
   * Closes a response body that stops delivering bytes for longer than the timeout (a half-open
   * connection would otherwise block the reading thread forever); the download then resumes with a
   * range request.
   */
  private static final class StallGuard implements AutoCloseable {
    private final InputStream in;
    private final long timeoutNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();

    StallGuard(InputStream in, Duration timeout) {
      this.in = in;
      this.timeoutNanos = timeout.toNanos();
      long period = Math.max(50, timeout.toMillis() / 4);
      this.check = WATCHDOG.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    void progress() {
      lastProgress = System.nanoTime();
    }

    private void check() {
      if (System.nanoTime() - lastProgress > timeoutNanos) {
        LOG.debug(
            "download stalled for longer than {} ms; dropping the connection",
            timeoutNanos / 1_000_000);
        check.cancel(false);
        try {
          in.close();
        } catch (IOException ignored) {
          // The reader sees the end of the stream either way.
        }
      }
    }

    @Override
    public void close() {
      check.cancel(false);
    }
  }

  /** Asks Graph for the pre-authenticated download URL ({@code 302} from {@code /content}). */
  private URI downloadUrl(DriveItem item, String what) {
    HttpResponse<InputStream> response =
        drive
            .transport()
            .send(
                GraphRequest.get(
                    drive.uri(DriveContext.action(drive.itemById(item.id()), "content")),
                    "locate the content for " + what),
                BodyHandlers.ofInputStream());
    GraphTransport.discard(response);
    String location = response.headers().firstValue("Location").orElse(null);
    if (response.statusCode() / 100 != 3 || location == null) {
      throw new UnexpectedResponseException(
          what + " failed: Graph answered " + response.statusCode() + " without a download URL");
    }
    return response.uri().resolve(location);
  }
}
