package io.github.docuelevate.onedrive.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.InvalidStateException;
import io.github.docuelevate.onedrive.spi.IntegrationKey;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  private final StateCodec codec = new StateCodec(new SecureRandom());
  private final IntegrationKey key = new IntegrationKey("alice@example.com", "drive.1 / ü");

  @Test
  void decode_givesBackTheIntegrationAndTheHashOfTheWholeState() {
    String state = codec.newState(key);

    StateCodec.Decoded decoded = codec.decode(state);

    assertThat(decoded.key()).isEqualTo(key);
    assertThat(decoded.hash()).isEqualTo(StateCodec.hash(state)).doesNotContain(state);
  }

  @Test
  void newState_isDifferentEveryTime() {
    assertThat(codec.newState(key)).isNotEqualTo(codec.newState(key));
  }

  @Test
  void changedNonce_keepsTheKeyButChangesTheHash() {
    String state = codec.newState(key);
    String changed = state.substring(0, state.length() - 1) + (state.endsWith("A") ? "B" : "A");

    assertThat(codec.decode(changed).hash()).isNotEqualTo(StateCodec.hash(state));
  }

  @Test
  void decode_refusesWhatItDidNotIssue() {
    String state = codec.newState(key);
    String[] parts = state.split("\\.");

    assertThatThrownBy(() -> codec.decode("hello")).isInstanceOf(InvalidStateException.class);
    assertThatThrownBy(() -> codec.decode("v2." + state.substring(3)))
        .isInstanceOf(InvalidStateException.class);
    assertThatThrownBy(() -> codec.decode(parts[0] + "." + parts[1] + ".." + parts[3]))
        .isInstanceOf(InvalidStateException.class);
    assertThatThrownBy(() -> codec.decode(parts[0] + "." + parts[1] + "." + parts[2] + ".abc"))
        .isInstanceOf(InvalidStateException.class);
    assertThatThrownBy(() -> codec.decode(state + "x".repeat(5000)))
        .isInstanceOf(InvalidStateException.class);
  }

  @Test
  void sameHash_comparesExactly() {
    assertThat(StateCodec.sameHash("abc", "abc")).isTrue();
    assertThat(StateCodec.sameHash("abc", "abd")).isFalse();
  }
}
