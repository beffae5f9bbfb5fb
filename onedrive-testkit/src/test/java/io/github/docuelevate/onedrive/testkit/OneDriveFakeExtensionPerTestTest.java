package io.github.docuelevate.onedrive.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** On an instance field the extension starts a fresh fake for every test. */
class OneDriveFakeExtensionPerTestTest {
  private static final Set<FakeMicrosoft> SEEN = new HashSet<>();

  @RegisterExtension final OneDriveFakeExtension fake = new OneDriveFakeExtension();

  @RepeatedTest(2)
  void eachTest_getsItsOwnFake(FakeMicrosoft injected) {
    assertThat(injected).isSameAs(fake.fake());
    assertThat(SEEN.add(injected)).isTrue();
    assertThat(new TestHttp(injected).get("/_testkit/info").statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void twoFakesWereStarted() {
    assertThat(SEEN).hasSize(2);
  }
}
