package io.github.docuelevate.onedrive.internal.drive;

import java.io.Closeable;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublisher;

/**
 * The bytes of one upload, sliced into request bodies. Implementations read each byte into at most
 * one fragment-sized buffer and feed every byte to the {@link SequentialHash} once, in order.
 */
abstract class UploadContent implements Closeable {
  final SequentialHash hash = new SequentialHash();

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

  @Override
  public void close() throws IOException {}
}
