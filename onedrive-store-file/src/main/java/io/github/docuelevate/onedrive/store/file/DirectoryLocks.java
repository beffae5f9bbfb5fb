package io.github.docuelevate.onedrive.store.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks over one store directory, held across threads and processes: each stripe is a
 * {@link ReentrantLock} in this JVM plus an OS lock on one byte of the directory's {@code .lock}
 * file. One channel per directory and JVM is shared by every store instance on it, because closing
 * any channel of a file may release every lock the process holds on it.
 */
final class DirectoryLocks {
  /** Stripe 0 guards the store's own key file; records use stripes 1 to {@code STRIPES}. */
  static final int STRIPES = 64;

  private static final Map<Path, DirectoryLocks> OPEN = new HashMap<>();

  private final Path directory;
  private final FileChannel channel;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES + 1];
  private int users;

  private DirectoryLocks(Path directory, FileChannel channel) {
    this.directory = directory;
    this.channel = channel;
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /** Opens (or shares) the locks of a directory; pair with {@link #release()}. */
  static DirectoryLocks open(Path directory, FileAttribute<?>... fileAttributes)
      throws IOException {
    synchronized (OPEN) {
      DirectoryLocks locks = OPEN.get(directory);
      if (locks == null) {
        FileChannel channel =
            FileChannel.open(
                directory.resolve(".lock"),
                java.util.Set.of(
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS),
                fileAttributes);
        locks = new DirectoryLocks(directory, channel);
        OPEN.put(directory, locks);
      }
      locks.users++;
      return locks;
    }
  }

  /** Stops using the locks; the last user closes the lock file. */
  void release() {
    synchronized (OPEN) {
      users--;
      if (users == 0) {
        OPEN.remove(directory);
        try {
          channel.close();
        } catch (IOException e) {
          // Nothing is held any more; the descriptor goes away with the process at the latest.
        }
      }
    }
  }

  /** A held stripe; closing releases it. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /** Blocks until the stripe is held by this thread, in this process and against others. */
  Held lock(int stripe) throws IOException {
    ReentrantLock local = stripes[stripe];
    local.lock();
    FileLock fileLock;
    try {
      fileLock = channel.lock(stripe, 1, false);
    } catch (IOException | RuntimeException e) {
      local.unlock();
      throw e;
    }
    return () -> {
      try {
        fileLock.release();
      } catch (IOException e) {
        // The channel stays open; a failed release leaves the byte locked until close.
      } finally {
        local.unlock();
      }
    };
  }
}
