package io.github.docuelevate.onedrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import org.junit.jupiter.api.Test;

class SeededWorkerTest extends FakeMicrosoftTestBase {
  private static final FakeUser ALICE = FakeMicrosoft.DEFAULT_PERSONAL_USER;

  @Test
  void workerSeededFromRefreshToken_learnsTheUserNameAtFirstUse() throws Exception {
    fake.identity().signInAs(ALICE);
    Node admin = node(Node.systemConfig().tenant("consumers").build());
    authorize(admin, OneDrive.SYSTEM_INTEGRATION);
    Secret seeded = storedRefreshToken(OneDrive.SYSTEM_INTEGRATION);
    Node worker =
        new Node(
            fake,
            clock,
            Node.systemConfig().tenant("consumers").refreshToken(seeded).build(),
            TokenStore.inMemory());

    worker.oneDrive.systemIntegration().accessToken();

    assertThat(worker.oneDrive.systemIntegration().info().username())
        .isEqualTo(ALICE.userPrincipalName());
  }
}
