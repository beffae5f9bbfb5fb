package io.github.docuelevate.onedrive.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@link OneDriveFakeTest} alone gives the class a fake, reset between tests. */
@OneDriveFakeTest(https = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OneDriveFakeTestAnnotationTest {
  private static int firstPort;

  @Test
  @Order(1)
  void annotation_startsAnHttpsFakeAndInjectsIt(FakeMicrosoft fake, FakeIdentity identity) {
    firstPort = fake.port();
    identity.addUser(FakeUser.personal("extra@outlook.com", "Extra"));
    HttpResponse<String> info =
        new TestHttp(fake.baseUrl(), fake.sslContext()).get("/_testkit/info");

    assertThat(fake.https()).isTrue();
    assertThat(fake.baseUrl()).startsWith("https://");
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(identity.users()).hasSize(3);
  }

  @Test
  @Order(2)
  void nextTest_seesTheSameFakeReset(FakeMicrosoft fake, FakeIdentity identity) {
    assertThat(fake.port()).isEqualTo(firstPort);
    assertThat(identity.user("extra@outlook.com")).isEmpty();
  }

  /** A nested class shares the enclosing class's fake. */
  @Nested
  class Inner {
    @Test
    void nestedTests_useTheEnclosingFake(FakeMicrosoft fake) {
      assertThat(fake.https()).isTrue();
      assertThat(fake.identity().user("extra@outlook.com")).isEmpty();
    }
  }
}
