package io.github.docuelevate.onedrive.it.drive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.testkit.FakeDrives;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB upload from a file and from a stream, each in a child JVM limited to a 64 MiB heap,
 * against a fake that keeps contents on disk: memory must stay bounded by the fragment size.
 */
class LargeUploadMemoryTest {
  private static final long SIZE = 1L << 30;

  @TempDir Path dir;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void gigabyteUpload_fromFileAndStream_completesWithA64MiBHeap() throws Exception {
    Path file = Content.randomFile(dir.resolve("gigabyte.bin"), SIZE, 1024);
    String sha256 = Content.sha256(file);
    try (FakeMicrosoft fake =
        FakeMicrosoft.builder().contentDirectory(dir.resolve("fake-content")).start()) {
      FakeDrives drives = fake.drives();
      String driveId = drives.userDrive(DriveFixture.USER.objectId());
      for (String mode : List.of("path", "stream")) {
        Path log = dir.resolve(mode + ".log");
        Process child =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-cp",
                    System.getProperty("java.class.path"),
                    LargeUploadChild.class.getName(),
                    fake.baseUrl(),
                    file.toString(),
                    mode,
                    mode + ".bin")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = child.waitFor(4, TimeUnit.MINUTES);
        if (!finished) {
          child.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(mode + " upload in a child JVM: " + output.strip());
        assertThat(finished)
            .as("the %s upload finished in time; output:%n%s", mode, output)
            .isTrue();
        assertThat(child.exitValue())
            .as("exit code of the %s upload; output:%n%s", mode, output)
            .isZero();
        assertThat(output).contains("uploaded " + SIZE + " bytes; max heap ");

        FakeDrives.Entry stored = drives.find(driveId, "Large/" + mode + ".bin").orElseThrow();
        assertThat(stored.size()).isEqualTo(SIZE);
        assertThat(Content.storedSha256(drives, driveId, "Large/" + mode + ".bin"))
            .isEqualTo(sha256);
      }
    }
  }
}
