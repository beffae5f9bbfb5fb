package io.github.docuelevate.onedrive.cli;

import com.google.crypto.tink.KeysetHandle;
import io.github.docuelevate.onedrive.store.crypto.CleartextKeyset;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * The Tink keyset that encrypts the CLI's stored credentials, kept as a file readable by its owner
 * only (0600). As secret as every token it protects.
 */
final class KeysetFile {
  private final Path path;

  KeysetFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  boolean exists() {
    return Files.exists(path);
  }

  /** Reads the keyset. */
  KeysetHandle read() {
    if (!exists()) {
      throw new CliFailure(
          ExitCode.USAGE,
          "there is no keyset at " + path,
          "run `onedrive keys generate`, or give an existing keyset with --keyset FILE");
    }
    return Keysets.readCleartext(path, CleartextKeyset.ACCEPT_UNPROTECTED);
  }

  /** Reads the keyset, generating and writing a new one first if there is none. */
  KeysetHandle readOrGenerate() {
    if (!exists()) {
      write(Keysets.generate());
    }
    return read();
  }

  /** Writes the keyset, replacing the file atomically; owner-only on POSIX file systems. */
  void write(KeysetHandle keyset) {
    try {
      Path dir = Objects.requireNonNull(path.toAbsolutePath().getParent(), "the keyset's folder");
      Files.createDirectories(dir);
      Path temp = dir.resolve(path.getFileName() + ".tmp");
      Files.deleteIfExists(temp);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            temp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(temp);
      }
      Files.writeString(
          temp,
          Keysets.toCleartextJson(keyset, CleartextKeyset.ACCEPT_UNPROTECTED),
          StandardCharsets.UTF_8);
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the keyset " + path, e);
    }
  }
}
