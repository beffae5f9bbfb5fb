package io.github.docuelevate.onedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IntegrationKeyTest {

  @Test
  void unpairedSurrogates_areRefusedInOwnerAndIntegrationId() {
    // As UTF-8 (how stores keep keys) both would read "a?b" and address the same record.
    assertThatThrownBy(() -> new IntegrationKey("a\uD800b", "work"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("owner")
        .hasMessageContaining("unpaired UTF-16 surrogate (at index 1)");
    assertThatThrownBy(() -> new IntegrationKey("alice", "a\uDC00b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("integrationId");
  }

  @Test
  void pairedSurrogates_makeAnOrdinaryKey() {
    IntegrationKey key = new IntegrationKey("\uD83D\uDE00", "work");

    assertThat(key.owner()).isEqualTo("\uD83D\uDE00");
  }
}
