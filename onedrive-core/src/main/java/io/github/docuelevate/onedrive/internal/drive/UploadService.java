package io.github.docuelevate.onedrive.internal.drive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.ConflictException;
import io.github.docuelevate.onedrive.ContentMismatchException;
import io.github.docuelevate.onedrive.NotFoundException;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.OperationInterruptedException;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.ThrottledException;
import io.github.docuelevate.onedrive.UnexpectedResponseException;
import io.github.docuelevate.onedrive.UploadSessionLostException;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.drive.FileModifiedTime;
import io.github.docuelevate.onedrive.drive.ResumableUpload;
import io.github.docuelevate.onedrive.drive.UploadOptions;
import io.github.docuelevate.onedrive.drive.UploadProgressListener;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.drive.Uploads;
import io.github.docuelevate.onedrive.event.OneDriveEvent;
import io.github.docuelevate.onedrive.internal.transport.GraphErrors;
import io.github.docuelevate.onedrive.internal.transport.GraphRequest;
import io.github.docuelevate.onedrive.internal.transport.GraphTransport;
import io.github.docuelevate.onedrive.internal.transport.JsonTrees;
import io.github.docuelevate.onedrive.internal.transport.RetryLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads through Graph: one request for small content, an upload session otherwise. Thread-safe;
 * each upload keeps its own state on its own thread.
 */
public final class UploadService implements Uploads {
  private static final Logger LOG = LoggerFactory.getLogger(UploadService.class);
  private static final int MAX_SESSION_RESTARTS = 3;

  private final DriveContext drive;
  private final FolderService folders;

  /**
   * Creates the service.
   *
   * @param drive the integration's drive
   * @param folders the folder service of the same drive
   */
  public UploadService(DriveContext drive, FolderService folders) {
    this.drive = Objects.requireNonNull(drive, "drive");
    this.folders = Objects.requireNonNull(folders, "folders");
  }

  @Override
  public DriveItem uploadToConfiguredFolder(
      UploadSource source, String fileName, UploadOptions options) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(options, "options");
    return upload(source, drive.configuredFolder(), fileName, options);
  }

  @Override
  public DriveItem upload(
      UploadSource source, String folderPath, String fileName, UploadOptions options) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(options, "options");
    DrivePath folder = DrivePath.parse(folderPath);
    Target target = new Target(folder, folder.child(fileName));
    long started = System.nanoTime();
    DriveOptions driveOptions = drive.transport().options();
    int simpleLimit = driveOptions.simpleUploadLimit();
    try (UploadContent content = open(source, streamFragmentSize(options), simpleLimit)) {
      long size = content.size();
      int fragmentSize = fragmentSize(content, options);
      boolean sessionAnyway = size > Math.min(simpleLimit, fragmentSize);
      Instant modified = modifiedTime(source, options, sessionAnyway);
      if (size == 0 || (size <= simpleLimit && modified == null)) {
        return completed(target, started, simpleUpload(target, content, options));
      }
      Session session = createSession(target, content.size(), options, modified);
      return completed(
          target,
          started,
          new Run(target, content, options, fragmentSize, modified, session).from(0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the content for '" + target.path + "'", e);
    }
  }

  @Override
  public DriveItem resume(ResumableUpload upload, UploadSource source, UploadOptions options) {
    Objects.requireNonNull(upload, "upload");
    Objects.requireNonNull(source, "source");
    DrivePath folder = DrivePath.parse(upload.folderPath());
    Target target = new Target(folder, folder.child(upload.fileName()));
    long started = System.nanoTime();
    try (UploadContent content = open(source, streamFragmentSize(options), 0)) {
      int fragmentSize = fragmentSize(content, options);
      Instant modified = modifiedTime(source, options, true);
      if (content.size() != upload.size()) {
        throw new IllegalArgumentException(
            "the source has "
                + content.size()
                + " bytes, the session to resume expects "
                + upload.size());
      }
      Session session = new Session(sessionUri(upload.uploadUrl()), upload.expiresAt());
      Run run = new Run(target, content, options, fragmentSize, modified, session);
      long offset;
      try {
        offset = run.status();
      } catch (NotFoundException expired) {
        LOG.info("upload session for '{}' expired; starting over", target.path);
        return completed(target, started, run.startOver());
      }
      content.hashRange(0, offset);
      return completed(target, started, run.from(offset));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the content for '" + target.path + "'", e);
    }
  }

  @Override
  public void cancel(ResumableUpload upload) {
    Objects.requireNonNull(upload, "upload");
    cancel(
        new Session(sessionUri(upload.uploadUrl()), upload.expiresAt()),
        "'" + upload.fileName() + "'");
  }

  private DriveItem simpleUpload(Target target, UploadContent content, UploadOptions options)
      throws IOException {
    int size = (int) content.size();
    BodyPublisher body = content.slice(0, size);
    URI uri =
        drive.uri(
            DriveContext.action(drive.item(target.path), "content")
                + "?@microsoft.graph.conflictBehavior="
                + options.conflictBehavior().graphValue());
    GraphRequest request =
        new GraphRequest(
            "PUT",
            uri,
            () -> body,
            Map.of("Content-Type", "application/octet-stream"),
            true,
            "upload '" + target.path + "'");
    DriveItem item;
    try {
      item =
          drive
              .transport()
              .retry()
              .run(
                  request.operation(), attempt -> simpleAttempt(request, attempt, target, content));
    } catch (LocalReadFailure e) {
      throw e.failure();
    }
    progress(target, options, size, size);
    return verify(target, content, options, item);
  }

  /** Tells the upload's progress listener, if any, and the events how far the upload got. */
  private void progress(Target target, UploadOptions options, long uploaded, long size) {
    UploadProgressListener listener = options.progressListener();
    if (listener != null) {
      listener.progress(uploaded, size);
    }
    drive.emit(
        new OneDriveEvent.UploadProgress(drive.key(), target.path.toString(), uploaded, size));
  }

  /** Reports a finished upload to the events and returns its item. */
  private DriveItem completed(Target target, long startedNanos, DriveItem item) {
    drive.emit(
        new OneDriveEvent.UploadCompleted(
            drive.key(),
            target.path.toString(),
            item.id(),
            item.size(),
            Duration.ofNanos(System.nanoTime() - startedNanos)));
    return item;
  }

  /**
   * Sends a simple upload once. A {@code 409 nameAlreadyExists} after an earlier try failed may be
   * that try's own work (the server stored the file, its answer was lost): when the stored file has
   * this upload's size and hash, it is the result.
   */
  private RetryLoop.Outcome<DriveItem> simpleAttempt(
      GraphRequest request, int attempt, Target target, UploadContent content)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response;
    try {
      response = drive.transport().sendOnce(request, BodyHandlers.ofByteArray());
    } catch (IOException e) {
      IOException local = content.readFailure();
      if (local != null) {
        throw new LocalReadFailure(local);
      }
      throw e;
    }
    if (RetryLoop.answered(response)) {
      return new RetryLoop.Done<>(DriveItems.parse(GraphTransport.parse(request, response)));
    }
    RetryLoop.Failure failure =
        drive.transport().retry().classify(request.operation(), response, attempt);
    if (attempt > 1
        && failure.exception() instanceof ConflictException
        && "nameAlreadyExists".equals(failure.exception().errorCode())) {
      DriveItem stored = storedCopy(target, content);
      if (stored != null) {
        LOG.debug(
            "upload of '{}': an earlier try stored the file; its answer was lost", target.path);
        return new RetryLoop.Done<>(stored);
      }
    }
    return failure.retriedOrThrown(f -> f);
  }

  /**
   * Returns the file stored at the target when it has this upload's size and hash (an earlier try
   * stored it), else {@code null}.
   */
  private @Nullable DriveItem storedCopy(Target target, UploadContent content) {
    DriveItem stored = folders.find(target.path);
    if (stored == null || stored.size() != content.size()) {
      return null;
    }
    String local;
    try {
      local = content.fullHash();
    } catch (IOException e) {
      throw new LocalReadFailure(e);
    }
    return local.equals(stored.hashes().quickXorHash()) ? stored : null;
  }

  private Session createSession(
      Target target, long size, UploadOptions options, @Nullable Instant modified) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("@microsoft.graph.conflictBehavior", options.conflictBehavior().graphValue());
    if (modified != null) {
      item.put("fileSystemInfo", Map.of("lastModifiedDateTime", modified.toString()));
    }
    JsonNode json =
        drive
            .transport()
            .json(
                GraphRequest.json(
                    "POST",
                    drive.uri(DriveContext.action(drive.item(target.path), "createUploadSession")),
                    GraphTransport.toJson(Map.of("item", item)),
                    "create an upload session for '" + target.path + "'"));
    String url = DriveItems.text(json.path("uploadUrl"));
    if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
      throw new UnexpectedResponseException(
          "create an upload session for '" + target.path + "' failed: Graph sent no upload URL");
    }
    Session session = new Session(URI.create(url), instant(json.path("expirationDateTime")));
    Consumer<ResumableUpload> listener = options.sessionListener();
    if (listener != null) {
      listener.accept(
          new ResumableUpload(
              Secret.of(url),
              target.folder.toString(),
              target.path.name(),
              size,
              session.expiresAt));
    }
    return session;
  }

  private void cancel(Session session, String what) {
    try {
      HttpResponse<byte[]> response =
          drive
              .transport()
              .sendOnce(
                  new GraphRequest(
                      "DELETE",
                      session.uploadUrl,
                      null,
                      Map.of(),
                      false,
                      "cancel the upload session of " + what),
                  BodyHandlers.ofByteArray());
      LOG.debug("cancelled the upload session of {}: HTTP {}", what, response.statusCode());
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not cancel the upload session of {}: {}", what, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private DriveItem verify(
      Target target, UploadContent content, UploadOptions options, DriveItem item)
      throws IOException {
    if (item.size() != content.size()) {
      throw new ContentMismatchException(
          "upload of '"
              + target.path
              + "': OneDrive stored "
              + item.size()
              + " bytes, the source has "
              + content.size(),
          item.id());
    }
    if (!options.verifyHash()) {
      return item;
    }
    String local = content.fullHash();
    DriveItem checked = item;
    if (checked.hashes().quickXorHash() == null) {
      checked = folders.itemById(item.id());
    }
    String remote = checked.hashes().quickXorHash();
    if (remote != null && !remote.equals(local)) {
      throw new ContentMismatchException(
          "upload of '"
              + target.path
              + "': OneDrive's quickXorHash "
              + remote
              + " differs from the local "
              + local
              + "; the stored item is "
              + item.id(),
          item.id());
    }
    return checked;
  }

  private UploadContent open(UploadSource source, int fragmentSize, int simpleLimit)
      throws IOException {
    if (source instanceof UploadSource.File file) {
      Path path = file.file();
      if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
        throw new IllegalArgumentException("not a readable file: " + path);
      }
      return new FileContent(path, false);
    }
    if (source instanceof UploadSource.Bytes bytes) {
      return new StreamContent(bytes.bytes());
    }
    UploadSource.Stream stream = (UploadSource.Stream) source;
    if (stream.length() >= 0) {
      return new StreamContent(stream.stream(), stream.length(), fragmentSize);
    }
    InputStream in = stream.stream();
    byte[] head = in.readNBytes(simpleLimit + 1);
    if (head.length <= simpleLimit) {
      return new StreamContent(head);
    }
    // Graph needs the total size before the first fragment: spool the rest to a temporary file.
    Path spool = Files.createTempFile("onedrive-upload-", ".part");
    try {
      try (OutputStream out = Files.newOutputStream(spool)) {
        out.write(head);
        in.transferTo(out);
      }
      return new FileContent(spool, true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(spool);
      throw e;
    }
  }

  /** Returns the fragment size of a stream's window: the upload's, else the integration's. */
  private int streamFragmentSize(UploadOptions options) {
    return options.fragmentSize() == 0
        ? drive.transport().options().fragmentSize()
        : options.fragmentSize();
  }

  /**
   * Returns the fragment size of an upload: the upload's own if set; for content read from a file
   * (read positionally, so a fragment costs no memory) one that grows with the file up to {@link
   * DriveOptions#largeFileFragmentSize()}; else the integration's.
   */
  private int fragmentSize(UploadContent content, UploadOptions options) {
    if (options.fragmentSize() != 0) {
      return options.fragmentSize();
    }
    DriveOptions driveOptions = drive.transport().options();
    return content instanceof FileContent
        ? driveOptions.fileFragmentSize(content.size())
        : driveOptions.fragmentSize();
  }

  /**
   * Returns the modified time to record: the explicit one, else a local file's as {@link
   * FileModifiedTime} says ({@link FileModifiedTime#IF_SESSION}: only when the upload needs a
   * session anyway).
   */
  private static @Nullable Instant modifiedTime(
      UploadSource source, UploadOptions options, boolean sessionAnyway) {
    if (options.lastModified() != null) {
      return options.lastModified();
    }
    FileModifiedTime when = options.fileModifiedTime();
    boolean wanted =
        when == FileModifiedTime.ALWAYS || (when == FileModifiedTime.IF_SESSION && sessionAnyway);
    if (wanted && source instanceof UploadSource.File file) {
      try {
        return Files.getLastModifiedTime(file.file()).toInstant();
      } catch (IOException e) {
        throw new IllegalArgumentException("not a readable file: " + file.file(), e);
      }
    }
    return null;
  }

  private static URI sessionUri(Secret uploadUrl) {
    String url = uploadUrl.reveal();
    if (!(url.startsWith("https://") || url.startsWith("http://"))) {
      throw new IllegalArgumentException("the upload URL is not an http(s) URL");
    }
    return URI.create(url);
  }

  private static @Nullable Instant instant(JsonNode node) {
    return node.isTextual() ? GraphTimes.parse(node.asText()) : null;
  }

  /** Reads the first byte the session still needs from {@code nextExpectedRanges}. */
  static long nextExpected(JsonNode json, long fallback) {
    JsonNode ranges = json.path("nextExpectedRanges");
    long next = Long.MAX_VALUE;
    for (JsonNode range : ranges) {
      String text = range.asText("");
      int dash = text.indexOf('-');
      String start = dash < 0 ? text : text.substring(0, dash);
      try {
        next = Math.min(next, Long.parseLong(start.trim()));
      } catch (NumberFormatException e) {
        // Ignore a range we cannot read.
      }
    }
    return next == Long.MAX_VALUE ? fallback : next;
  }

  /** Where the file goes. */
  private record Target(DrivePath folder, DrivePath path) {}

  /** An upload session: its pre-authenticated URL (never logged) and expiry. */
  private static final class Session {
    final URI uploadUrl;
    final @Nullable Instant expiresAt;

    Session(URI uploadUrl, @Nullable Instant expiresAt) {
      this.uploadUrl = uploadUrl;
      this.expiresAt = expiresAt;
    }

    @Override
    public String toString() {
      return "Session[expiresAt=" + expiresAt + "]";
    }
  }

  /** One upload through sessions: the fragment loop, its retries and restarts. */
  private final class Run {
    private final Target target;
    private final UploadContent content;
    private final UploadOptions options;
    private final int fragmentSize;
    private final @Nullable Instant modified;
    private Session session;
    private int restarts;

    Run(
        Target target,
        UploadContent content,
        UploadOptions options,
        int fragmentSize,
        @Nullable Instant modified,
        Session session) {
      this.target = target;
      this.content = content;
      this.options = options;
      this.fragmentSize = fragmentSize;
      this.modified = modified;
      this.session = session;
    }

    /**
     * Sends everything from {@code start}; cancels the session on failure, but keeps it when
     * interrupted or throttled for longer than the retry policy waits (to resume later).
     */
    DriveItem from(long start) throws IOException {
      try {
        return loop(start);
      } catch (OperationInterruptedException e) {
        throw new OperationInterruptedException(
            "upload of '" + target.path + "' (session kept for resume) was interrupted",
            e.getCause());
      } catch (ThrottledException e) {
        // The host application reschedules: keep the session so it can resume after the wait.
        throw e;
      } catch (RuntimeException | IOException e) {
        cancel(session, "'" + target.path + "'");
        throw e;
      }
    }

    /** Starts over with a new session (the kept one expired). */
    DriveItem startOver() throws IOException {
      session = createSession(target, content.size(), options, modified);
      return from(0);
    }

    private DriveItem restart() throws IOException {
      if (++restarts > MAX_SESSION_RESTARTS) {
        throw new UploadSessionLostException(
            "upload of '"
                + target.path
                + "' failed: the upload session was lost "
                + restarts
                + " times; upload again later",
            null);
      }
      session = createSession(target, content.size(), options, modified);
      return loop(0);
    }

    private DriveItem loop(long start) throws IOException {
      Fragments fragments = new Fragments(start);
      try {
        return drive.transport().retry().run("upload of '" + target.path + "'", fragments::send);
      } catch (LocalReadFailure e) {
        throw e.failure();
      }
    }

    /** The fragment loop's state across tries: the next byte to send. */
    private final class Fragments {
      private long offset;
      private boolean askFirst;

      Fragments(long start) {
        this.offset = start;
      }

      /** Sends the fragment at {@link #offset}, after asking the session where it stands. */
      RetryLoop.Outcome<DriveItem> send(int attempt) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("interrupted at byte " + offset);
        }
        try {
          if (askFirst) {
            askFirst = false;
            try {
              offset = status();
            } catch (NotFoundException gone) {
              return new RetryLoop.Done<>(lost(offset));
            }
          }
          RetryLoop.Outcome<DriveItem> outcome = sendFragment(attempt);
          askFirst = outcome instanceof RetryLoop.Failed;
          return outcome;
        } catch (IOException e) {
          throw new LocalReadFailure(e);
        }
      }

      private RetryLoop.Outcome<DriveItem> sendFragment(int attempt)
          throws IOException, InterruptedException {
        long size = content.size();
        int length = (int) Math.min(fragmentSize, size - offset);
        String range = "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
        BodyPublisher body;
        try {
          body = content.slice(offset, length);
        } catch (IllegalStateException e) {
          throw failedAt(
              offset,
              new UnexpectedResponseException(String.valueOf(e.getMessage()), e, 0, null, null));
        }
        GraphRequest put =
            new GraphRequest(
                "PUT",
                session.uploadUrl,
                () -> body,
                Map.of("Content-Range", range),
                false,
                "upload " + range + " of '" + target.path + "'");
        HttpResponse<byte[]> response;
        JsonNode json;
        try {
          response = drive.transport().sendOnce(put, BodyHandlers.ofByteArray());
          json = RetryLoop.answered(response) ? JsonTrees.read(response.body()) : null;
        } catch (IOException e) {
          IOException local = content.readFailure();
          if (local != null) {
            throw local;
          }
          return new RetryLoop.Failed<>(
              failedAt(offset, GraphErrors.fromIo(put.operation(), e, attempt)), null, false);
        }
        if (json == null) {
          RetryLoop.Failure failure =
              drive.transport().retry().classify(put.operation(), response, attempt);
          if (failure.exception() instanceof NotFoundException) {
            return new RetryLoop.Done<>(lost(offset));
          }
          if (failure.rangeMismatch()) {
            // The session holds other bytes than this try assumed: ask it and go on from there.
            return new RetryLoop.Failed<>(
                failedAt(offset, failure.exception()), failure.retryAfter(), false);
          }
          return failure.retriedOrThrown(f -> failedAt(offset, f));
        }
        if (!json.has("nextExpectedRanges")) {
          // The last fragment: the answer is the stored item.
          report(size, size);
          return new RetryLoop.Done<>(verify(target, content, options, DriveItems.parse(json)));
        }
        long next = nextExpected(json, offset + length);
        if (next > offset && next <= size) {
          report(next, size);
          offset = next;
          return new RetryLoop.Progressed<>();
        }
        // Accepted, but the session did not move on (or asks for bytes past the end): count it
        // as a failed try so a confused session cannot keep the loop going for ever.
        return new RetryLoop.Failed<>(
            failedAt(
                offset,
                new UnexpectedResponseException(
                    put.operation() + " failed: the session asks for byte " + next + " next")),
            null,
            false);
      }
    }

    /** Asks the session which byte it needs next. */
    long status() {
      JsonNode json =
          drive
              .transport()
              .json(
                  new GraphRequest(
                      "GET",
                      session.uploadUrl,
                      null,
                      Map.of(),
                      false,
                      "ask the upload session of '" + target.path + "' for its state"));
      return nextExpected(json, 0);
    }

    private DriveItem lost(long offset) throws IOException {
      if (content.hash.hashedUpTo() == content.size()) {
        // Every byte went out at least once: the last answer may have been lost after the
        // file was stored. Take it if the stored file is ours.
        DriveItem stored = storedCopy(target, content);
        if (stored != null) {
          report(content.size(), content.size());
          return stored;
        }
      }
      if (!content.rereadable()) {
        throw failedAt(
            offset,
            new UploadSessionLostException(
                "the upload session was lost and the source stream cannot be read again; upload"
                    + " again with a file or bytes",
                null));
      }
      LOG.info("upload session of '{}' lost at byte {}; starting over", target.path, offset);
      return restart();
    }

    private void report(long uploaded, long size) {
      progress(target, options, uploaded, size);
    }

    private OneDriveException failedAt(long offset, OneDriveException failure) {
      return GraphErrors.withContext(
          failure,
          "upload of '" + target.path + "' failed at byte " + offset + " of " + content.size());
    }
  }

  /** A failure to read the upload's own source, carried out of the retry loop unretried. */
  private static final class LocalReadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final IOException failure;

    LocalReadFailure(IOException failure) {
      super(failure);
      this.failure = failure;
    }

    IOException failure() {
      return failure;
    }
  }
}
