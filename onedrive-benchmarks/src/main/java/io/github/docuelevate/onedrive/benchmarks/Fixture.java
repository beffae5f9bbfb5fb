package io.github.docuelevate.onedrive.benchmarks;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import io.github.docuelevate.onedrive.testkit.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What every transfer figure shares: the testkit's fake on loopback (its content in a temporary
 * folder), an app-only integration of the library to the work user's drive, and that drive's id and
 * Graph base URL for the baselines, which borrow the library's access token.
 */
final class Fixture implements AutoCloseable {
  static final FakeUser USER = FakeMicrosoft.DEFAULT_WORK_USER;

  final Path dir;
  final FakeMicrosoft fake;
  final OneDriveIntegration library;
  final String driveId;

  /** The drive's address for raw requests: {@code <graph>/drives/<id>}. */
  final String driveUrl;

  private Fixture(Path dir, FakeMicrosoft fake) {
    this.dir = dir;
    this.fake = fake;
    this.library =
        OneDrive.builder(
                fake.oneDriveConfig()
                    .tenant(USER.tenantId())
                    .accountType(AccountType.APP_ONLY)
                    .driveTarget(new DriveTarget.User(USER.userPrincipalName()))
                    .build())
            .tokenStore(TokenStore.inMemory())
            .transport(fake.transportOptions())
            .build()
            .systemIntegration();
    this.driveId = fake.drives().userDrive(USER.objectId());
    this.driveUrl = fake.graphBaseUrl() + "/drives/" + driveId;
  }

  /**
   * The free space {@code /dev/shm} needs for a full run's files (a few GiB) with room to spare.
   */
  private static final long MEMORY_ROOM = 12L << 30;

  /** Starts a fake and connects the library to it. */
  static Fixture start(FakeMicrosoft.Builder builder) {
    try {
      Path dir = Files.createTempDirectory(baseDirectory(), "onedrive-figures");
      return new Fixture(dir, builder.contentDirectory(dir.resolve("fake-content")).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the file system the figures' files and the fake's content go to: the {@code
   * figures.dir} system property if set, else {@code /dev/shm} when it has room for a full run,
   * else the temporary folder. Gigabyte uploads written to a disk meet the kernel's write-back at
   * random moments and vary by a factor of two from round to round; in memory they measure the
   * transfer.
   */
  private static Path baseDirectory() throws IOException {
    String chosen = System.getProperty("figures.dir");
    if (chosen != null) {
      return Path.of(chosen);
    }
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm)
        && Files.isWritable(shm)
        && Files.getFileStore(shm).getUsableSpace() >= MEMORY_ROOM) {
      return shm;
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** Returns the library's current access token, for the baselines' requests. */
  String token() {
    return library.accessToken().token().reveal();
  }

  /** Writes a file of random bytes under the fixture's folder. */
  Path file(String name, long size) {
    Path file = dir.resolve(name);
    byte[] chunk = new byte[1024 * 1024];
    SplittableRandom random = new SplittableRandom(size);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < size; written += chunk.length) {
        random.nextBytes(chunk);
        out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Returns the sequence number of the last request the fake's journal holds. */
  long journalMark() {
    return fake.journal().last().map(RecordedRequest::sequence).orElse(0L);
  }

  /** Counts the journal's requests after {@code mark} that match. */
  long requestsSince(long mark, Predicate<RecordedRequest> which) {
    return fake.journal().count(r -> r.sequence() > mark && which.test(r));
  }

  @Override
  public void close() {
    fake.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
