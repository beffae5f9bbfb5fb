package io.github.docuelevate.onedrive.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.store.crypto.CleartextKeyset;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The file store shared by several processes, and killed in the middle of writing. */
class FileTokenStoreProcessTest {
  @TempDir Path root;

  private Path writeKeyset(KeysetHandle keyset) throws IOException {
    Path file = root.resolve("keyset.json");
    Files.writeString(file, Keysets.toCleartextJson(keyset, CleartextKeyset.ACCEPT_UNPROTECTED));
    return file;
  }

  private Process startWorker(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(workerClassPath());
    command.add(StoreWorker.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectError(root.resolve("worker-" + System.nanoTime() + ".err").toFile())
        .start();
  }

  /**
   * The class path of a worker: this JVM's class path, module path (the tests run on the module
   * path) and the test classes, which are patched into the store's module rather than on either.
   */
  private static String workerClassPath() {
    List<String> entries = new ArrayList<>();
    try {
      entries.add(
          Path.of(StoreWorker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        entries.add(value);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void killedWhileWriting_everyRecordIsACompleteOldOrNewValue() throws Exception {
    KeysetHandle keyset = Keysets.generate();
    Path keysetFile = writeKeyset(keyset);
    Path dir = root.resolve("store");
    long[] acknowledged = new long[StoreWorker.KEYS];
    Random random = new Random(20250101L);
    int kills = 12;

    for (int run = 0; run < kills; run++) {
      Process worker = startWorker("write", dir.toString(), keysetFile.toString());
      int killAfter = 1 + random.nextInt(60);
      int seen = 0;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while (seen < killAfter && (line = out.readLine()) != null) {
          String[] parts = line.split(" ", -1);
          assertThat(parts[0]).isEqualTo("W");
          acknowledged[Integer.parseInt(parts[1])] = Long.parseLong(parts[2]);
          seen++;
        }
        worker.destroyForcibly();
        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(seen).as("writes acknowledged before kill %d", run).isEqualTo(killAfter);

      try (FileTokenStore store =
          FileTokenStore.builder(dir, RecordEncryption.of(keyset)).build()) {
        for (int i = 0; i < StoreWorker.KEYS; i++) {
          Optional<StoredIntegration> read = store.read(StoreWorker.key(i));
          if (acknowledged[i] == 0) {
            continue;
          }
          assertThat(read).as("record %d after kill %d", i, run).isPresent();
          StoredIntegration record = read.orElseThrow();
          assertThat(record.version()).isGreaterThanOrEqualTo(acknowledged[i]);
          assertThat(record.attributes().get("version")).isEqualTo(Long.toString(record.version()));
          assertThat(Objects.requireNonNull(record.refreshToken()).reveal())
              .isEqualTo(StoreWorker.token(i, record.version()));
          acknowledged[i] = record.version();
        }
        assertThat(store.quarantinedFiles()).isEmpty();
        assertThat(store.listKeys()).hasSizeLessThanOrEqualTo(StoreWorker.KEYS);
      }
    }
    assertThat(java.util.Arrays.stream(acknowledged).min().orElse(0)).isPositive();
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void compareAndSetFromTwoProcesses_loosesNoIncrement() throws Exception {
    KeysetHandle keyset = Keysets.generate();
    Path keysetFile = writeKeyset(keyset);
    Path dir = root.resolve("store");
    int perWorker = 150;
    // Create the directory first so both workers share one store.json.
    FileTokenStore.builder(dir, RecordEncryption.of(keyset)).build().close();

    Process a = startWorker("increment", dir.toString(), keysetFile.toString(), "" + perWorker);
    Process b = startWorker("increment", dir.toString(), keysetFile.toString(), "" + perWorker);
    for (Process p : List.of(a, b)) {
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(out.readLine()).isEqualTo("DONE");
      }
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    }

    try (FileTokenStore store = FileTokenStore.builder(dir, RecordEncryption.of(keyset)).build()) {
      StoredIntegration counter = store.read(StoreWorker.COUNTER).orElseThrow();
      assertThat(counter.attributes().get("count")).isEqualTo(Integer.toString(2 * perWorker));
      assertThat(counter.version()).isEqualTo(2L * perWorker);
    }
  }
}
