package io.github.docuelevate.onedrive.it.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.ConflictException;
import io.github.docuelevate.onedrive.InvalidDrivePathException;
import io.github.docuelevate.onedrive.NotFoundException;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.Folders;
import io.github.docuelevate.onedrive.drive.ItemPage;
import io.github.docuelevate.onedrive.drive.ListOptions;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import io.github.docuelevate.onedrive.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FolderBrowsingTest {
  private final DriveFixture fixture = new DriveFixture();
  private final FakeDrives drives = fixture.fake.drives();
  private final Folders folders = fixture.integration.folders();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void list_givesSortedChildrenWithMetadata() {
    drives.putFile(fixture.driveId, "Docs/b.txt", "bee".getBytes(StandardCharsets.UTF_8));
    drives.putFile(fixture.driveId, "Docs/A.txt", "a".getBytes(StandardCharsets.UTF_8));
    drives.createFolders(fixture.driveId, "Docs/c-folder/inner");

    ItemPage page = folders.list("Docs", ListOptions.defaults());

    assertThat(page.items())
        .extracting(DriveItem::name)
        .containsExactly("A.txt", "b.txt", "c-folder");
    assertThat(page.hasMore()).isFalse();
    DriveItem bee = page.items().get(1);
    FakeDrives.Entry stored = drives.find(fixture.driveId, "Docs/b.txt").orElseThrow();
    assertThat(bee.id()).isEqualTo(stored.id());
    assertThat(bee.size()).isEqualTo(3);
    assertThat(bee.file()).isTrue();
    assertThat(bee.path()).isEqualTo("Docs/b.txt");
    assertThat(bee.hashes().quickXorHash()).isEqualTo(stored.quickXorHash());
    assertThat(bee.webUrl()).startsWith("http");
    DriveItem folder = page.items().get(2);
    assertThat(folder.folder()).isTrue();
    assertThat(folder.childCount()).isEqualTo(1);
  }

  @Test
  void list_foldersOnlyLeavesFilesOut() {
    drives.putFile(fixture.driveId, "Pick/file.txt", new byte[] {1});
    drives.createFolders(fixture.driveId, "Pick/zeta");
    drives.createFolders(fixture.driveId, "Pick/alpha");

    List<DriveItem> items =
        folders.listAll("Pick", ListOptions.foldersOnlyOptions()).collect(Collectors.toList());

    assertThat(items).extracting(DriveItem::name).containsExactly("alpha", "zeta");
  }

  @Test
  void list_pagesWithContinuationById() {
    for (int i = 0; i < 25; i++) {
      drives.putFile(fixture.driveId, String.format("Paged/f%02d.txt", i), new byte[] {(byte) i});
    }
    DriveItem folder = folders.item("Paged");

    ItemPage first = folders.listById(folder.id(), ListOptions.defaults().withPageSize(10));
    List<String> names = new ArrayList<>();
    first.items().forEach(i -> names.add(i.name()));
    ItemPage page = first;
    int pages = 1;
    while (page.continuation() != null) {
      page = folders.nextPage(page.continuation());
      page.items().forEach(i -> names.add(i.name()));
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(names)
        .containsExactlyElementsOf(
            IntStream.range(0, 25).mapToObj(i -> String.format("f%02d.txt", i)).toList());
  }

  @Test
  void nextPage_refusesAContinuationPointingElsewhere() {
    assertThatThrownBy(() -> folders.nextPage("a:https://evil.example.com/v1.0/x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> folders.nextPage("garbage"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nextPage_refusesAContinuationPointingAtAnotherDrive() {
    // A colleague in the same tenant: the app-only token would reach this drive.
    FakeUser carol = FakeUser.work("carol@contoso.onmicrosoft.com", "Carol Work");
    fixture.fake.identity().addUser(carol);
    String carolsDrive = drives.userDrive(carol.objectId());
    for (int i = 0; i < 3; i++) {
      drives.putFile(fixture.driveId, "Paged/f" + i + ".txt", new byte[] {(byte) i});
      drives.putFile(carolsDrive, "Paged/f" + i + ".txt", new byte[] {(byte) i});
    }
    String continuation =
        Objects.requireNonNull(
            folders.list("Paged", ListOptions.defaults().withPageSize(1)).continuation());
    assertThat(continuation).contains("/drives/" + fixture.driveId + "/");
    String elsewhere = continuation.replace(fixture.driveId, carolsDrive);
    String climbing =
        continuation.replace(
            "/drives/" + fixture.driveId + "/",
            "/drives/" + fixture.driveId + "/../" + carolsDrive + "/");
    String climbingEncoded = climbing.replace("/../", "/%2e%2e/");
    int requests = fixture.graphRequests().size();

    for (String bad : List.of(elsewhere, climbing, climbingEncoded)) {
      assertThatThrownBy(() -> folders.nextPage(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("another drive");
    }
    assertThat(fixture.graphRequests()).hasSize(requests);
    assertThat(folders.nextPage(continuation).items()).hasSize(1);
  }

  @Test
  void listAll_tenThousandItemsWithDefaultOptions_takesTenPagesOfAThousand() {
    for (int i = 0; i < 10_000; i++) {
      drives.putFile(fixture.driveId, String.format("Big/item-%05d.txt", i), new byte[0]);
    }

    List<String> names =
        folders.listAll("Big", ListOptions.defaults()).map(DriveItem::name).toList();

    assertThat(names).hasSize(10_000).doesNotHaveDuplicates();
    assertThat(names).isSorted();
    List<RecordedRequest> pages =
        fixture.graphRequests().stream().filter(r -> r.path().endsWith("/children")).toList();
    assertThat(pages).hasSize(10);
    assertThat(pages.get(0).query()).containsEntry("$top", "1000");
  }

  @Test
  void foldersOnlyBrowsing_amongThousandsOfFiles_readsPagesOfAThousand() {
    for (int i = 0; i < 2_500; i++) {
      drives.putFile(fixture.driveId, String.format("Mixed/file-%04d.txt", i), new byte[0]);
    }
    drives.createFolders(fixture.driveId, "Mixed/a-folder");
    drives.createFolders(fixture.driveId, "Mixed/m-folder");
    drives.createFolders(fixture.driveId, "Mixed/z-folder");

    List<String> listed =
        folders.listAll("Mixed", ListOptions.foldersOnlyOptions()).map(DriveItem::name).toList();
    ItemPage first = folders.list("Mixed", ListOptions.foldersOnlyOptions());

    assertThat(listed).containsExactly("a-folder", "m-folder", "z-folder");
    List<RecordedRequest> pages =
        fixture.graphRequests().stream().filter(r -> r.path().endsWith("/children")).toList();
    assertThat(pages)
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.query()).containsEntry("$top", "1000"));
    assertThat(first.items()).extracting(DriveItem::name).containsExactly("a-folder");
    assertThat(first.continuation()).isNotNull();
  }

  @Test
  void rootItemAndBreadcrumbs_describeTheTree() {
    drives.putFile(fixture.driveId, "A/B/C/leaf.txt", "leaf".getBytes(StandardCharsets.UTF_8));

    DriveItem root = folders.root();
    List<DriveItem> crumbs = folders.breadcrumbs("A/B/C/leaf.txt");
    DriveItem leaf = folders.item("/A/B/C/leaf.txt");

    assertThat(root.name()).isEmpty();
    assertThat(root.folder()).isTrue();
    assertThat(crumbs).extracting(DriveItem::name).containsExactly("", "A", "B", "C", "leaf.txt");
    assertThat(crumbs.get(0).id()).isEqualTo(root.id());
    assertThat(crumbs.get(4).id()).isEqualTo(leaf.id());
    assertThat(folders.itemById(leaf.id()).path()).isEqualTo("A/B/C/leaf.txt");
    assertThat(leaf.lastModified()).isEqualTo(fixture.clock.instant());
  }

  @Test
  void item_missingIsNotFoundWithGraphDetails() {
    assertThatThrownBy(() -> folders.item("Nope/none.txt"))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo("itemNotFound");
              assertThat(e.requestId()).isNotBlank();
              assertThat(e.getMessage()).contains("Nope/none.txt", e.requestId());
            });
  }

  @Test
  void badPaths_areRefusedBeforeAnyRequest() {
    long before = fixture.graphRequests().size();
    for (String bad : List.of("Docs/a:b", "Docs/../x", "Docs//x", "CON/x", "Docs/x.", "~$x")) {
      assertThatThrownBy(() -> folders.list(bad, ListOptions.defaults()))
          .as(bad)
          .isInstanceOf(InvalidDrivePathException.class);
      assertThatThrownBy(() -> folders.ensureFolder(bad))
          .as(bad)
          .isInstanceOf(InvalidDrivePathException.class);
    }
    assertThat(fixture.graphRequests()).hasSize((int) before);
  }

  @Test
  void ensureFolder_createsEveryMissingFolderAndReusesExisting() {
    drives.createFolders(fixture.driveId, "Documents");

    DriveItem made = folders.ensureFolder("Documents/Uploads/2026");
    DriveItem again = folders.ensureFolder("Documents/Uploads/2026");

    assertThat(made.folder()).isTrue();
    assertThat(made.path()).isEqualTo("Documents/Uploads/2026");
    assertThat(again.id()).isEqualTo(made.id());
    assertThat(drives.find(fixture.driveId, "Documents/Uploads").orElseThrow().folder()).isTrue();
  }

  @Test
  void ensureFolder_refusesAFileInTheWay() {
    drives.putFile(fixture.driveId, "Docs/report", new byte[] {1});

    assertThatThrownBy(() -> folders.ensureFolder("Docs/report/2026"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("Docs/report");
  }

  @Test
  void ensureFolder_fromEightThreadsAtOnceYieldsOneFolder() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<DriveItem>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Callable<DriveItem> task =
            () -> {
              start.await();
              return folders.ensureFolder("Race/Uploads/2026/11");
            };
        results.add(pool.submit(task));
      }
      start.countDown();
      List<String> ids = new ArrayList<>();
      for (Future<DriveItem> result : results) {
        ids.add(result.get().id());
      }
      assertThat(ids).containsOnly(ids.get(0));
    } finally {
      pool.shutdownNow();
    }
    assertThat(drives.tree(fixture.driveId))
        .extracting(FakeDrives.Entry::path)
        .containsExactly("Race", "Race/Uploads", "Race/Uploads/2026", "Race/Uploads/2026/11");
  }
}
