package io.github.docuelevate.onedrive.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/** How the store reads a file; replaced in tests to simulate I/O failures. */
interface FileIo {
  /** Reads a whole file without following symbolic links. */
  byte[] read(Path file) throws IOException;

  /** The real file system. */
  FileIo DEFAULT =
      file -> {
        try (SeekableByteChannel ch =
            Files.newByteChannel(
                file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
          long size = ch.size();
          if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("file too large: " + size + " bytes");
          }
          ByteBuffer buffer = ByteBuffer.allocate((int) size);
          while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
            // keep reading
          }
          if (buffer.hasRemaining()) {
            throw new IOException("file shrank while being read");
          }
          return buffer.array();
        }
      };
}
