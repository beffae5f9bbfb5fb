package io.github.docuelevate.onedrive.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.drive.WatchStatus;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.WatchState;
import io.github.docuelevate.onedrive.store.crypto.CleartextKeyset;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store directory written by the previous release, whose folder watch kept its state in the token
 * record ({@code src/test/resources/previous-release}): the first use of the watch moves that state
 * into the watch state store and removes it from the token record, once.
 */
class WatchStateMigrationTest {
  private static final IntegrationKey KEY = new IntegrationKey("alice", "scans");
  private static final String FIXTURE = "/previous-release/";

  @TempDir Path root;

  private Path copyFixture() throws IOException {
    Path dir = Files.createDirectory(root.resolve("store"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    for (String name : List.of("store.json", "record.rec")) {
      try (InputStream in =
          Objects.requireNonNull(getClass().getResourceAsStream(FIXTURE + name), name)) {
        Path target = dir.resolve(name.equals("record.rec") ? recordFileName() : name);
        Files.write(target, in.readAllBytes());
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
      }
    }
    return dir;
  }

  private static String recordFileName() throws IOException {
    return text("record-file-name.txt").strip();
  }

  private static String text(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            WatchStateMigrationTest.class.getResourceAsStream(FIXTURE + name), name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void watchAttributesOfThePreviousRelease_moveToTheWatchStateStoreOnFirstUse() throws Exception {
    Path dir = copyFixture();
    RecordEncryption encryption =
        RecordEncryption.of(
            Keysets.parseCleartext(text("keyset.json"), CleartextKeyset.ACCEPT_UNPROTECTED));
    try (FileTokenStore store = FileTokenStore.builder(dir, encryption).build()) {
      StoredIntegration before = store.read(KEY).orElseThrow();
      assertThat(before.attributes()).containsKey("watch.Inbox.cursor");
      OneDrive oneDrive =
          OneDrive.builder(
                  OneDriveConfig.builder()
                      .clientId("11111111-2222-3333-4444-555555555555")
                      .clientSecret("not-used")
                      .tenant("contoso.onmicrosoft.com")
                      .build())
              .tokenStore(store)
              .transport(
                  TransportOptions.builder()
                      .identityHttpClient(
                          request -> {
                            throw new AssertionError("no request expected: " + request.url());
                          })
                      .build())
              .clock(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC))
              .build();

      FolderWatch watch =
          oneDrive.integration(KEY).watchFolder(WatchOptions.builder("Inbox").build());
      WatchStatus status = watch.status();

      assertThat(status.lastSuccessAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
      assertThat(status.lastErrorAt()).isEqualTo(Instant.parse("2025-01-01T00:05:00Z"));
      assertThat(status.lastError()).isEqualTo("handling 'c.pdf' failed: disk full");
      WatchState state = store.watchStateStore().orElseThrow().read(KEY, "Inbox").orElseThrow();
      assertThat(state.cursor()).isEqualTo(before.attributes().get("watch.Inbox.cursor"));
      assertThat(state.delivered())
          .containsExactly(
              Map.entry("01FAKE00000000000003", "\"c:{01FAKE00000000000003},1\""),
              Map.entry("01FAKE00000000000005", "\"c:{01FAKE00000000000005},1\""));
      assertThat(state.folders()).containsExactly("01FAKE00000000000004");
      assertThat(state.sweeps()).containsExactly("01FAKE00000000000004");
      assertThat(state.lease())
          .isEqualTo(
              new WatchState.Lease(
                  "2b7e1a8c-5d0f-4c1e-9a57-1f3c1b0e9d11", Instant.parse("2025-01-01T00:15:00Z")));
      StoredIntegration after = store.read(KEY).orElseThrow();
      assertThat(after.attributes().keySet()).noneMatch(name -> name.startsWith("watch."));
      assertThat(after.attributes())
          .containsEntry("custom.note", "kept by the host")
          .containsEntry("drive.id", "b!ae30b6c1f74b3b968c9c52e591673ed3");
      assertThat(after.lastError()).isNull();
      assertThat(after.refreshToken()).isEqualTo(before.refreshToken());
      assertThat(after.version()).isEqualTo(before.version() + 1);

      // Later watches of the same integration find nothing to move: the token record stays put.
      oneDrive.integration(KEY).watchFolder(WatchOptions.builder("Inbox").build()).status();
      assertThat(store.read(KEY).orElseThrow().version()).isEqualTo(after.version());
      assertThat(store.watchStateStore().orElseThrow().read(KEY, "Inbox")).contains(state);
    }
  }
}
