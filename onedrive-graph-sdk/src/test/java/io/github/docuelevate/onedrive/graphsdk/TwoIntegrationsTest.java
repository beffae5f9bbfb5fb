package io.github.docuelevate.onedrive.graphsdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Clients of two integrations of different users, used at once, never cross. */
class TwoIntegrationsTest extends FakeGraphTestBase {

  @Test
  void clientsOfTwoUsers_usedConcurrently_eachSeeOnlyTheirOwnAccountAndDrive() throws Exception {
    OneDriveIntegration alice = authorize(ALICE, new IntegrationKey("alice", "personal"));
    OneDriveIntegration bob = authorize(BOB, new IntegrationKey("bob", "work"));
    GraphServiceClient alices = graph.client(alice);
    GraphServiceClient bobs = graph.client(bob);
    String aliceDrive = fake.drives().userDrive(ALICE.objectId());
    String bobDrive = fake.drives().userDrive(BOB.objectId());
    assertThat(aliceDrive).isNotEqualTo(bobDrive);

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        GraphServiceClient client = i % 2 == 0 ? alices : bobs;
        String expected = i % 2 == 0 ? ALICE.objectId() + aliceDrive : BOB.objectId() + bobDrive;
        Callable<String> call =
            () -> {
              String seen = client.me().get().getId() + client.me().drive().get().getId();
              return seen.equals(expected) ? "ok" : "crossed: " + seen + " instead of " + expected;
            };
        results.add(pool.submit(call));
      }
      for (Future<String> result : results) {
        assertThat(result.get()).isEqualTo("ok");
      }
    } finally {
      pool.shutdownNow();
    }

    byte[] note = "alice's note".getBytes(StandardCharsets.UTF_8);
    alices
        .drives()
        .byDriveId(alices.me().drive().get().getId())
        .items()
        .byDriveItemId("root:/Notes/note.txt:")
        .content()
        .put(new ByteArrayInputStream(note));
    assertThat(fake.drives().readFile(aliceDrive, "Notes/note.txt")).isEqualTo(note);
    assertThat(fake.drives().find(bobDrive, "Notes/note.txt")).isEmpty();
  }
}
