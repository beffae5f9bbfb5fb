package io.github.docuelevate.onedrive.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.InvalidStateException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  private final StateCodec codec = new StateCodec(new SecureRandom());

  @Test
  void hashOf_isTheHashOfTheWholeState() {
    String state = codec.newState();

    assertThat(codec.hashOf(state)).isEqualTo(StateCodec.hash(state)).doesNotContain(state);
    assertThat(state).matches("v2\\.[A-Za-z0-9_-]{43}");
  }

  @Test
  void newState_isDifferentEveryTime() {
    assertThat(codec.newState()).isNotEqualTo(codec.newState());
  }

  @Test
  void changedNonce_changesTheHash() {
    String state = codec.newState();
    String changed =
        state.substring(0, state.length() - 2)
            + (state.charAt(state.length() - 2) == 'A' ? 'B' : 'A')
            + state.charAt(state.length() - 1);

    assertThat(codec.hashOf(changed)).isNotEqualTo(codec.hashOf(state));
  }

  @Test
  void hashOf_refusesWhatItDidNotIssue() {
    String state = codec.newState();

    assertThatThrownBy(() -> codec.hashOf("hello")).isInstanceOf(InvalidStateException.class);
    assertThatThrownBy(() -> codec.hashOf("v1." + state.substring(3)))
        .isInstanceOf(InvalidStateException.class);
    assertThatThrownBy(() -> codec.hashOf(state + "AAAA"))
        .isInstanceOf(InvalidStateException.class);
    assertThatThrownBy(() -> codec.hashOf(state.substring(0, state.length() - 4)))
        .isInstanceOf(InvalidStateException.class);
    assertThatThrownBy(() -> codec.hashOf("v2." + "!".repeat(43)))
        .isInstanceOf(InvalidStateException.class);
    assertThatThrownBy(() -> codec.hashOf(state + "x".repeat(5000)))
        .isInstanceOf(InvalidStateException.class);
  }

  @Test
  void sameHash_comparesExactly() {
    assertThat(StateCodec.sameHash("abc", "abc")).isTrue();
    assertThat(StateCodec.sameHash("abc", "abd")).isFalse();
  }
}
