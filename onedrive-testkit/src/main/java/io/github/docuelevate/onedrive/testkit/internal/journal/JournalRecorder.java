package io.github.docuelevate.onedrive.testkit.internal.journal;

import io.github.docuelevate.onedrive.testkit.RecordedRequest;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeHttpServer;
import io.github.docuelevate.onedrive.testkit.internal.http.Handler;
import io.github.docuelevate.onedrive.testkit.internal.http.Interceptor;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Records every request outside the control API, masked, in a bounded journal (the oldest entries
 * drop out). Runs first, so it sees what the fault rules answered too.
 */
public final class JournalRecorder implements Interceptor {
  /** How much of a form or JSON body is kept. */
  static final int BODY_LIMIT = 16 * 1024;

  private final Clock clock;
  private final int capacity;
  private final List<String> secretPathPrefixes;
  private final Deque<RecordedRequest> entries = new ArrayDeque<>();
  private long sequence;

  /**
   * Creates the journal.
   *
   * @param clock stamps the entries
   * @param capacity how many entries are kept, at least 1
   * @param secretPathPrefixes path prefixes after which the rest of the path is a credential
   *     (pre-authenticated upload and download URLs); it is recorded as {@link Masking#MASK}
   */
  public JournalRecorder(Clock clock, int capacity, List<String> secretPathPrefixes) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.clock = clock;
    this.capacity = capacity;
    this.secretPathPrefixes = List.copyOf(secretPathPrefixes);
  }

  /** Returns the capacity. */
  public int capacity() {
    return capacity;
  }

  /** Returns the entries, oldest first. */
  public synchronized List<RecordedRequest> entries() {
    return new ArrayList<>(entries);
  }

  /** Forgets every entry and restarts numbering. */
  public synchronized void clear() {
    entries.clear();
    sequence = 0;
  }

  @Override
  public void intercept(FakeExchange exchange, Handler next) throws IOException {
    if (exchange.rawPath().startsWith(FakeHttpServer.CONTROL_PREFIX)) {
      next.handle(exchange);
      return;
    }
    Instant time = clock.instant();
    String contentType = exchange.header("Content-Type");
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    boolean json = type.contains("json");
    Capture capture = new Capture(json || type.contains("x-www-form-urlencoded"));
    exchange.wrapBody(body -> new CapturingStream(body, capture));
    exchange.onRespond(status -> record(exchange, time, json, capture, status));
    next.handle(exchange);
  }

  private void record(
      FakeExchange exchange, Instant time, boolean json, Capture capture, int status) {
    String body = "";
    if (capture.kept.size() > 0) {
      String text = capture.kept.toString(StandardCharsets.UTF_8);
      body = json ? Masking.json(text) : Masking.form(text);
    }
    synchronized (this) {
      RecordedRequest entry =
          new RecordedRequest(
              ++sequence,
              time,
              exchange.method(),
              Masking.path(exchange.rawPath(), secretPathPrefixes),
              Masking.parameters(exchange.query()),
              Masking.headers(exchange.allHeaders()),
              body,
              capture.total,
              status,
              exchange.requestId());
      entries.addLast(entry);
      while (entries.size() > capacity) {
        entries.removeFirst();
      }
    }
  }

  /** What was read of one body. */
  private static final class Capture {
    final boolean keep;
    final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    long total;

    Capture(boolean keep) {
      this.keep = keep;
    }

    void add(byte[] bytes, int offset, int length) {
      total += length;
      if (keep && kept.size() < BODY_LIMIT) {
        kept.write(bytes, offset, Math.min(length, BODY_LIMIT - kept.size()));
      }
    }
  }

  /** Passes the body through, counting it and keeping the start of textual bodies. */
  private static final class CapturingStream extends FilterInputStream {
    private final Capture capture;

    CapturingStream(InputStream in, Capture capture) {
      super(in);
      this.capture = capture;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        capture.add(new byte[] {(byte) b}, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        capture.add(buffer, offset, n);
      }
      return n;
    }
  }
}
