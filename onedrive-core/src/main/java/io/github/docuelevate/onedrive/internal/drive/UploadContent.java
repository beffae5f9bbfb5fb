package io.github.docuelevate.onedrive.internal.drive;

import java.io.Closeable;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublisher;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of one upload, sliced into request bodies. Implementations read each byte into at most
 * one fragment-sized buffer and feed every byte to the {@link SequentialHash} once, in order.
 */
abstract class UploadContent implements Closeable {
  final SequentialHash hash = new SequentialHash();

  /** The first failure to read the source while the HTTP client pulled a body; null if none. */
  private volatile @Nullable IOException readFailure;

  /** Returns the total size in bytes. */
  abstract long size();

  /**
   * Returns a body of the bytes {@code [offset, offset + length)}; a new one for each try.
   *
   * @throws IOException if the bytes cannot be read
   * @throws IllegalStateException if the bytes are no longer available (a stream moved past them)
   */
  abstract BodyPublisher slice(long offset, int length) throws IOException;

  /** Returns whether every byte can be read again from the start (a lost session can restart). */
  abstract boolean rereadable();

  /** Returns the local {@code quickXorHash}, reading whatever was not read yet. */
  String fullHash() throws IOException {
    long hashed = hash.hashedUpTo();
    if (hashed < size()) {
      hashRange(hashed, size());
    }
    return hash.digest();
  }

  /** Reads {@code [from, to)} only to hash it (before resuming a session at {@code to}). */
  abstract void hashRange(long from, long to) throws IOException;

  /**
   * Records that reading the source failed inside a request body (on the HTTP client's thread),
   * where the failure reaches the uploader only as a failed request.
   */
  final void readFailed(IOException failure) {
    if (readFailure == null) {
      readFailure = failure;
    }
  }

  /**
   * Returns the failure to read the source recorded while a body was sent, if any: a failed request
   * with such a failure is the source's fault, not the network's, and is not retried.
   */
  final @Nullable IOException readFailure() {
    return readFailure;
  }

  @Override
  public void close() throws IOException {}
}
