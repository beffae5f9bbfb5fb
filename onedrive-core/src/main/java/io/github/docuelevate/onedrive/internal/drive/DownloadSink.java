package io.github.docuelevate.onedrive.internal.drive;

import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/** Where a download's bytes go: a caller's stream, or a {@link PartFile}. */
interface DownloadSink {

  /** Writes the next bytes of the file. */
  void write(byte[] data, int offset, int count) throws IOException;

  /**
   * Drops every byte written, so the file can arrive again from the first byte.
   *
   * @return whether it could: {@code false} for a caller's stream, whose bytes are gone
   */
  boolean restart() throws IOException;

  /**
   * Hears the entity tag the download URL answered a request from the first byte with; sent as
   * {@code If-Range} when asking for the rest.
   */
  default void validator(@Nullable String eTag) throws IOException {}

  /** Returns a sink writing to a caller's stream (not closed). */
  static DownloadSink of(OutputStream out) {
    return new DownloadSink() {
      @Override
      public void write(byte[] data, int offset, int count) throws IOException {
        out.write(data, offset, count);
      }

      @Override
      public boolean restart() {
        return false;
      }
    };
  }
}
