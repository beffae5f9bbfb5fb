package io.github.docuelevate.onedrive.it.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.ConflictException;
import io.github.docuelevate.onedrive.InvalidDrivePathException;
import io.github.docuelevate.onedrive.NotFoundException;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.Folders;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import io.github.docuelevate.onedrive.testkit.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeleteTest {
  private final DriveFixture fixture = new DriveFixture();
  private final FakeDrives drives = fixture.fake.drives();
  private final Folders folders = fixture.integration.folders();

  @AfterEach
  void close() {
    fixture.close();
  }

  private List<RecordedRequest> deletes() {
    return fixture.graphRequests().stream().filter(r -> r.method().equals("DELETE")).toList();
  }

  @Test
  void delete_removesAFileOrAFolderWithEverythingInIt() {
    drives.putFile(fixture.driveId, "Old/a.txt", new byte[] {1});
    drives.putFile(fixture.driveId, "Old/sub/b.txt", new byte[] {2});
    drives.putFile(fixture.driveId, "Keep/c.txt", new byte[] {3});

    folders.delete("Old/a.txt");
    assertThat(drives.find(fixture.driveId, "Old/a.txt")).isEmpty();
    assertThat(drives.find(fixture.driveId, "Old/sub/b.txt")).isPresent();
    folders.delete("Old");

    assertThat(drives.find(fixture.driveId, "Old")).isEmpty();
    assertThat(drives.find(fixture.driveId, "Keep/c.txt")).isPresent();
    assertThat(deletes()).hasSize(2).allSatisfy(r -> assertThat(r.status()).isEqualTo(204));
  }

  @Test
  void deleteById_removesTheItem() {
    String id = drives.putFile(fixture.driveId, "Docs/x.txt", new byte[] {1}).id();

    folders.deleteById(id);

    assertThat(drives.find(fixture.driveId, "Docs/x.txt")).isEmpty();
    assertThat(deletes().get(0).path()).endsWith("/items/" + id);
  }

  @Test
  void missingItems_areNotFound() {
    drives.createFolders(fixture.driveId, "Docs");

    assertThatThrownBy(() -> folders.delete("Docs/none.txt"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("delete 'Docs/none.txt'");
    assertThatThrownBy(() -> folders.deleteById("01NOSUCHITEM"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void theRootAndBadPaths_areRefusedBeforeAnyRequest() {
    DriveItem root = folders.root();
    fixture.fake.journal().clear();

    assertThatThrownBy(() -> folders.delete("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> folders.delete("/")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> folders.deleteIfUnchanged(root))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> folders.delete("Docs/a|b"))
        .isInstanceOf(InvalidDrivePathException.class);
    assertThatThrownBy(() -> folders.deleteById(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(fixture.graphRequests()).isEmpty();
  }

  @Test
  void deleteIfUnchanged_keepsAnItemChangedSinceItWasRead() {
    drives.putFile(fixture.driveId, "Docs/shared.txt", new byte[] {1});
    DriveItem seen = folders.item("Docs/shared.txt");
    drives.putFile(fixture.driveId, "Docs/shared.txt", new byte[] {1, 2});

    assertThatThrownBy(() -> folders.deleteIfUnchanged(seen))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("412");
    assertThat(drives.find(fixture.driveId, "Docs/shared.txt")).isPresent();

    folders.deleteIfUnchanged(folders.item("Docs/shared.txt"));
    assertThat(drives.find(fixture.driveId, "Docs/shared.txt")).isEmpty();
    assertThat(deletes()).allSatisfy(r -> assertThat(r.header("If-Match")).isNotNull());
  }

  @Test
  void lostAnswerToADeleteThatWorked_countsAsDone() {
    drives.putFile(fixture.driveId, "Docs/once.txt", new byte[] {1});
    FaultRule lost =
        fixture.fake.faults().add(FaultRule.on("DELETE", "/**").times(1).resetAfterHandling());

    folders.delete("Docs/once.txt");

    assertThat(fixture.fake.faults().fired(lost)).isOne();
    assertThat(drives.find(fixture.driveId, "Docs/once.txt")).isEmpty();
    assertThat(deletes()).hasSize(2);
    assertThat(deletes().get(1).status()).isEqualTo(404);
  }
}
