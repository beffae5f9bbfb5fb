package io.github.docuelevate.onedrive.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.testkit.store.TokenStoreContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store against the {@link TokenStore} contract; after each test, every file in the
 * directory (read as a disk image would be) is checked for the plain secrets the test wrote.
 */
class FileTokenStoreContractTest extends TokenStoreContractTest {
  @TempDir Path root;

  @Override
  protected TokenStore newStore() {
    return FileTokenStore.builder(root.resolve("store"), RecordEncryption.of(Keysets.generate()))
        .build();
  }

  @Override
  protected void release(TokenStore store) {
    ((FileTokenStore) store).close();
    List<String> secrets = secretsWritten();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String image = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        for (String secret : secrets) {
          assertThat(image).as(file.toString()).doesNotContain(secret);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
