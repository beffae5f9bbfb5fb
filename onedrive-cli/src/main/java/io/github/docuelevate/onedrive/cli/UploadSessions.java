package io.github.docuelevate.onedrive.cli;

import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.drive.ResumableUpload;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * The upload sessions of interrupted uploads, kept in the configuration directory so the next run
 * resumes them. A session's upload URL is a secret: it is stored encrypted with the CLI's keyset,
 * in an owner-only file named after a hash of the local file, its size and modification time, and
 * the destination.
 */
final class UploadSessions {
  private static final String PURPOSE = "cli upload session url";

  private final Path directory;
  private final RecordEncryption encryption;

  UploadSessions(Path directory, RecordEncryption encryption) {
    this.directory = directory;
    this.encryption = encryption;
  }

  /** Returns the name a local file's session is kept under. */
  static String key(Path file, String folderPath, String fileName) {
    try {
      String identity =
          file.toAbsolutePath().normalize()
              + "\n"
              + Files.size(file)
              + "\n"
              + Files.getLastModifiedTime(file).toMillis()
              + "\n"
              + folderPath
              + "\n"
              + fileName;
      return HexFormat.of()
          .formatHex(DemoCommand.sha256().digest(identity.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 32);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Returns the kept session, if any. */
  Optional<ResumableUpload> find(String key) {
    Path file = directory.resolve(key + ".session");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(reader);
      byte[] url =
          encryption.decryptStoreKey(PURPOSE, Base64.getDecoder().decode(p.getProperty("url", "")));
      String expires = p.getProperty("expiresAt");
      return Optional.of(
          new ResumableUpload(
              Secret.of(new String(url, StandardCharsets.UTF_8)),
              p.getProperty("folderPath", ""),
              p.getProperty("fileName", ""),
              Long.parseLong(p.getProperty("size", "0")),
              expires == null ? null : Instant.parse(expires)));
    } catch (IOException | RuntimeException e) {
      // An unreadable session is no loss: the upload starts over.
      delete(key);
      return Optional.empty();
    }
  }

  /** Keeps a session. */
  void save(String key, ResumableUpload upload) {
    Properties p = new Properties();
    p.setProperty(
        "url",
        Base64.getEncoder()
            .encodeToString(
                encryption.encryptStoreKey(
                    PURPOSE, upload.uploadUrl().reveal().getBytes(StandardCharsets.UTF_8))));
    p.setProperty("folderPath", upload.folderPath());
    p.setProperty("fileName", upload.fileName());
    p.setProperty("size", Long.toString(upload.size()));
    if (upload.expiresAt() != null) {
      p.setProperty("expiresAt", upload.expiresAt().toString());
    }
    try {
      Files.createDirectories(directory);
      Path temp = directory.resolve(key + ".tmp");
      Files.deleteIfExists(temp);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            temp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        p.store(writer, "an interrupted upload; deleting this file makes it start over");
      }
      Files.move(
          temp,
          directory.resolve(key + ".session"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the upload session in " + directory, e);
    }
  }

  /** Forgets a session. */
  void delete(String key) {
    try {
      Files.deleteIfExists(directory.resolve(key + ".session"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the upload session in " + directory, e);
    }
  }
}
