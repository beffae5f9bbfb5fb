package io.github.docuelevate.onedrive.internal.drive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.WatchState;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a watch remembers stays within the bounds of {@link WatchState}, newest kept. */
class WatchMemoryTest {
  private static final IntegrationKey KEY = new IntegrationKey("alice", "scans");
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void deliveriesBeyondTheBound_forgetTheOldestAndKeepEveryRecentOne() {
    WatchMemory memory = new WatchMemory("cursor", Map.of(), Set.of(), Set.of());
    int total = WatchState.MAX_DELIVERED + 2_500;
    for (int i = 0; i < total; i++) {
      memory.delivered("item-" + i, "tag-" + i);
      memory.knownFolders.add("folder-" + i);
    }
    // A file delivered again moves to the newest end.
    memory.delivered("item-0", "tag-0b");

    WatchState.Builder state = WatchState.builder(KEY, "Inbox", T0);
    memory.writeTo(state);
    WatchState written = state.build();

    assertThat(written.delivered()).hasSize(WatchState.MAX_DELIVERED);
    assertThat(written.delivered()).containsEntry("item-0", "tag-0b");
    assertThat(written.delivered()).doesNotContainKey("item-1").doesNotContainKey("item-2500");
    assertThat(written.delivered()).containsKey("item-2501").containsKey("item-" + (total - 1));
    assertThat(written.folders()).hasSize(WatchState.MAX_FOLDERS).doesNotContain("folder-0");
    assertThat(written.cursor()).isEqualTo("cursor");
  }

  @Test
  void clear_forgetsCursorAndMemories() {
    WatchMemory memory = new WatchMemory("cursor", Map.of("a", "t"), Set.of("f"), Set.of("f"));

    memory.clear();
    WatchState.Builder state = WatchState.builder(KEY, "Inbox", T0);
    memory.writeTo(state);

    WatchState written = state.build();
    assertThat(written.cursor()).isNull();
    assertThat(written.delivered()).isEmpty();
    assertThat(written.folders()).isEmpty();
    assertThat(written.sweeps()).isEmpty();
  }
}
