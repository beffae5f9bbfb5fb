package io.github.docuelevate.onedrive.internal.drive;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local file, read positionally straight into the pieces handed to the HTTP client: no buffer of
 * a whole fragment, and no stream chunks copied on the way.
 */
final class FileContent extends UploadContent {
  /**
   * The size of each piece of a request body. Larger than the JDK's 16 KiB stream chunks: a
   * gigabyte takes 4,096 reads and hand-overs instead of 65,536. Below the humongous-object size of
   * the G1 region a 64 MiB heap gets (1 MiB regions, objects from 512 KiB).
   */
  static final int PIECE = 256 * 1024;

  private final FileChannel channel;
  private final long size;
  private final boolean temporary;

  /**
   * Opens a file.
   *
   * @param file the file
   * @param temporary whether to delete it on {@link #close()} (a spooled stream)
   */
  FileContent(Path file, boolean temporary) throws IOException {
    this.channel =
        temporary
            ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE)
            : FileChannel.open(file, StandardOpenOption.READ);
    this.size = channel.size();
    this.temporary = temporary;
  }

  @Override
  long size() {
    return size;
  }

  @Override
  BodyPublisher slice(long offset, int length) throws IOException {
    if (offset > hash.hashedUpTo()) {
      // The server has bytes this process never read (a resumed session): hash them first.
      hashRange(hash.hashedUpTo(), offset);
    }
    if (length == 0) {
      return BodyPublishers.noBody();
    }
    return BodyPublishers.fromPublisher(new RangePublisher(offset, offset + length), length);
  }

  @Override
  boolean rereadable() {
    return true;
  }

  @Override
  void hashRange(long from, long to) throws IOException {
    byte[] buffer = new byte[PIECE];
    for (long at = from; at < to; ) {
      int n = readFully(buffer, (int) Math.min(PIECE, to - at), at);
      hash.offer(at, buffer, 0, n);
      at += n;
    }
  }

  /** Fills {@code buffer[0, length)} from file position {@code at}; returns {@code length}. */
  private int readFully(byte[] buffer, int length, long at) throws IOException {
    int filled = 0;
    while (filled < length) {
      int n = channel.read(ByteBuffer.wrap(buffer, filled, length - filled), at + filled);
      if (n < 0) {
        throw new IOException(
            "the file ended at byte " + (at + filled) + " while " + size + " expected");
      }
      filled += n;
    }
    return length;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  @Override
  public String toString() {
    return "FileContent[" + size + " bytes" + (temporary ? ", temporary" : "") + "]";
  }

  /**
   * Publishes {@code [start, end)} of the file in pieces of up to {@link #PIECE} bytes, each read
   * when the subscriber asks for it into a new array (the HTTP client owns what it was handed) and
   * hashed as it is read. Each subscriber reads the range anew, so every try of a fragment re-reads
   * the file.
   */
  private final class RangePublisher implements Flow.Publisher<ByteBuffer> {
    private final long start;
    private final long end;

    RangePublisher(long start, long end) {
      this.start = start;
      this.end = end;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
      RangeSubscription subscription = new RangeSubscription(subscriber, start, end);
      subscriber.onSubscribe(subscription);
    }
  }

  /**
   * One subscriber's reads. Requests may come from any thread and from inside {@code onNext}; one
   * caller at a time drains the demand (the others only add to it), so signals never overlap and
   * the stack does not grow with the number of pieces.
   */
  private final class RangeSubscription implements Flow.Subscription {
    private final Flow.Subscriber<? super ByteBuffer> subscriber;
    private final long end;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger drainers = new AtomicInteger();
    private long position;
    private volatile boolean done;

    RangeSubscription(Flow.Subscriber<? super ByteBuffer> subscriber, long start, long end) {
      this.subscriber = subscriber;
      this.position = start;
      this.end = end;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        finish(new IllegalArgumentException("request(" + n + "): demand must be positive"));
        return;
      }
      demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
      drain();
    }

    @Override
    public void cancel() {
      done = true;
    }

    private void drain() {
      if (drainers.getAndIncrement() != 0) {
        return;
      }
      do {
        while (!done) {
          if (position >= end) {
            done = true;
            subscriber.onComplete();
            return;
          }
          if (demand.get() == 0) {
            break;
          }
          ByteBuffer piece;
          try {
            piece = next();
          } catch (IOException e) {
            readFailed(e);
            finish(e);
            return;
          } catch (RuntimeException e) {
            finish(e);
            return;
          }
          demand.decrementAndGet();
          subscriber.onNext(piece);
        }
      } while (drainers.decrementAndGet() != 0);
    }

    private ByteBuffer next() throws IOException {
      byte[] piece = new byte[(int) Math.min(PIECE, end - position)];
      readFully(piece, piece.length, position);
      hash.offer(position, piece, 0, piece.length);
      position += piece.length;
      return ByteBuffer.wrap(piece);
    }

    private void finish(Throwable error) {
      if (!done) {
        done = true;
        subscriber.onError(error);
      }
    }
  }
}
