package io.github.docuelevate.onedrive.internal.drive;

import io.github.docuelevate.onedrive.AccessDeniedException;
import io.github.docuelevate.onedrive.ContentMismatchException;
import io.github.docuelevate.onedrive.NotFoundException;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.UnexpectedResponseException;
import io.github.docuelevate.onedrive.drive.Downloads;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.event.OneDriveEvent;
import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
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
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
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
  public DriveItem download(String path, Path target) {
    DrivePath source = DrivePath.parse(path);
    Objects.requireNonNull(target, "target");
    return toFile(folders.get(source), target);
  }

  @Override
  public DriveItem downloadById(String itemId, Path target) {
    DriveContext.requireId(itemId);
    Objects.requireNonNull(target, "target");
    return toFile(folders.itemById(itemId), target);
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

  private DriveItem toFile(DriveItem item, Path target) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("the target's folder does not exist: " + target);
    }
    Path part = dir.resolve("." + absolute.getFileName() + ".onedrive-part");
    boolean done = false;
    try {
      try (OutputStream out = Files.newOutputStream(part)) {
        copy(item, out);
      }
      try {
        Files.move(
            part, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
      return item;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the download to " + target, e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(part);
        } catch (IOException ignored) {
          // Best effort.
        }
      }
    }
  }

  private DriveItem copy(DriveItem item, OutputStream out) {
    if (item.folder()) {
      throw new IllegalArgumentException("'" + item.name() + "' is a folder, not a file");
    }
    String what = "download of '" + (item.path() == null ? item.id() : item.path()) + "'";
    long started = System.nanoTime();
    Transfer transfer = new Transfer(item, out, what);
    long received = drive.transport().retry().run(what, transfer::attempt);
    transfer.report(true);
    verify(what, item, received, transfer.hash);
    drive.emit(
        new OneDriveEvent.DownloadCompleted(
            drive.key(), item.id(), received, Duration.ofNanos(System.nanoTime() - started)));
    return item;
  }

  /** One download's state across its tries: the bytes received so far and the URL in use. */
  private final class Transfer {
    private final DriveItem item;
    private final OutputStream out;
    private final String what;
    private final QuickXorHash hash = new QuickXorHash();
    private final byte[] buffer = new byte[BUFFER];
    private long received;
    private long reported = -1;
    private @Nullable URI url;

    Transfer(DriveItem item, OutputStream out, String what) {
      this.item = item;
      this.out = out;
      this.what = what;
    }

    /** Fetches the bytes from {@link #received} on; the result is the number of bytes received. */
    RetryLoop.Outcome<Long> attempt(int attempt) throws InterruptedException {
      long mark = received;
      String operation = what + " from byte " + received;
      try {
        URI from = url == null ? downloadUrl(item, what) : url;
        url = from;
        GraphRequest get =
            new GraphRequest(
                "GET",
                from,
                null,
                received > 0 ? Map.of("Range", "bytes=" + received + "-") : Map.of(),
                false,
                operation);
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
        // A server that ignores the Range header sends the whole file without a Content-Range.
        boolean partial = response.headers().firstValue("Content-Range").isPresent();
        try (InputStream in = response.body();
            StallGuard guard = new StallGuard(in, drive.transport().options().requestTimeout())) {
          long skip = partial ? 0 : received;
          int n;
          while ((n = in.read(buffer)) >= 0) {
            guard.progress();
            int start = (int) Math.min(skip, n);
            skip -= start;
            if (n > start) {
              hash.update(buffer, start, n - start);
              out.write(buffer, start, n - start);
              received += n - start;
              report(false);
            }
          }
        }
        if (received >= item.size()) {
          return new RetryLoop.Done<>(received);
        }
        throw new IOException("the answer ended at byte " + received + " of " + item.size());
      } catch (IOException e) {
        return new RetryLoop.Failed<>(
            failedAt(GraphErrors.fromIo(operation, e, attempt)), null, received > mark);
      }
    }

    private OneDriveException failedAt(OneDriveException failure) {
      return GraphErrors.withContext(
          failure, what + " failed at byte " + received + " of " + item.size());
    }

    /**
     * Reports the bytes received: each {@link #PROGRESS_STEP} while the bytes arrive, and once when
     * they are all there ({@code finished}) unless that was just reported.
     */
    void report(boolean finished) {
      boolean due =
          finished ? received != reported : received - Math.max(reported, 0) >= PROGRESS_STEP;
      if (due) {
        reported = received;
        drive.emit(
            new OneDriveEvent.DownloadProgress(drive.key(), item.id(), received, item.size()));
      }
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

  static void verify(String what, DriveItem item, long received, QuickXorHash hash) {
    if (received != item.size()) {
      throw new ContentMismatchException(
          what + ": received " + received + " bytes, Graph reports " + item.size(), item.id());
    }
    String expected = item.hashes().quickXorHash();
    String actual = hash.digestBase64();
    if (expected != null && !expected.equals(actual)) {
      throw new ContentMismatchException(
          what + ": the received bytes hash to " + actual + ", Graph reports " + expected,
          item.id());
    }
  }
}
