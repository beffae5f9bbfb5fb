package io.github.docuelevate.onedrive.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The annotation's options reach the builder. */
@OneDriveFakeTest(defaults = false)
class OneDriveFakeTestOptionsTest {
  @Test
  void defaultsFalse_leavesOutTheSeededAppsAndUsers(FakeMicrosoft fake) {
    assertThat(fake.https()).isFalse();
    assertThat(fake.identity().users()).isEmpty();
    assertThat(fake.identity().apps()).isEmpty();
  }
}
