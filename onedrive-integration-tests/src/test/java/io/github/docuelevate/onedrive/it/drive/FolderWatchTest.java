package io.github.docuelevate.onedrive.it.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.FolderWatchException;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.NotFoundException;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.drive.FileHandler;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.drive.WatchResult;
import io.github.docuelevate.onedrive.drive.WatchStart;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.UnreadableRecordException;
import io.github.docuelevate.onedrive.spi.WatchState;
import io.github.docuelevate.onedrive.spi.WatchStateStore;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import io.github.docuelevate.onedrive.testkit.FakeIdentity;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import io.github.docuelevate.onedrive.testkit.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FolderWatchTest {
  private final DriveFixture fixture = new DriveFixture();
  private final FakeDrives drives = fixture.fake.drives();

  /** Every delivery of the test, across polls and restarts: duplicates show up here. */
  private final List<String> delivered = new ArrayList<>();

  @AfterEach
  void close() {
    fixture.close();
  }

  private void put(String path, String content) {
    drives.putFile(fixture.driveId, path, content.getBytes(StandardCharsets.UTF_8));
  }

  private FileHandler recording(Disposition disposition) {
    return file -> {
      delivered.add(file.name());
      return disposition;
    };
  }

  private FolderWatch watch(WatchOptions options) {
    return fixture.integration.watchFolder(options);
  }

  private StoredIntegration record() {
    return fixture.store.read(fixture.integration.key()).orElseThrow();
  }

  private WatchStateStore watchStates() {
    return fixture.store.watchStateStore().orElseThrow();
  }

  private WatchState state(String watchId) {
    return watchStates().read(fixture.integration.key(), watchId).orElseThrow();
  }

  /** Replaces the lease in the watch's state, as another node would have written it. */
  private void plantLease(String watchId, WatchState.@Nullable Lease lease) {
    Optional<WatchState> current = watchStates().read(fixture.integration.key(), watchId);
    WatchState next =
        current
            .map(c -> c.nextVersion(fixture.clock.instant()).lease(lease).build())
            .orElseGet(
                () ->
                    WatchState.builder(fixture.integration.key(), watchId, fixture.clock.instant())
                        .lease(lease)
                        .build());
    assertThat(watchStates().compareAndSet(current.map(WatchState::version).orElse(0L), next))
        .isTrue();
  }

  @Test
  void everythingPresent_deliversWhatIsThereThenOnlyNewAndChangedFiles() {
    put("Inbox/a.pdf", "a");
    put("Inbox/sub/b.pdf", "b");
    put("Elsewhere/x.pdf", "x");
    FolderWatch watch = watch(WatchOptions.builder("Inbox").build());

    WatchResult first = watch.poll(recording(Disposition.KEEP));
    WatchResult idle = watch.poll(recording(Disposition.KEEP));
    put("Inbox/c.pdf", "c");
    put("Inbox/a.pdf", "a, second version");
    WatchResult changes = watch.poll(recording(Disposition.KEEP));

    assertThat(first.delivered()).isEqualTo(2);
    assertThat(idle.delivered()).isZero();
    assertThat(changes.delivered()).isEqualTo(2);
    assertThat(delivered).containsExactlyInAnyOrder("a.pdf", "b.pdf", "c.pdf", "a.pdf");
    assertThat(watch.status().healthy()).isTrue();
    assertThat(watch.status().lastSuccessAt()).isEqualTo(fixture.clock.instant());
    assertThat(state("Inbox").cursor()).contains("/delta");
    assertThat(record().attributes())
        .noneSatisfy((name, value) -> assertThat(name).startsWith("watch."));
  }

  @Test
  void onlyNew_skipsWhatIsAlreadyThere() {
    put("Inbox/old.pdf", "old");
    FolderWatch watch = watch(WatchOptions.builder("Inbox").start(WatchStart.ONLY_NEW).build());

    assertThat(watch.poll(recording(Disposition.KEEP)).delivered()).isZero();
    put("Inbox/new.pdf", "new");
    watch.poll(recording(Disposition.KEEP));

    assertThat(delivered).containsExactly("new.pdf");
  }

  @Test
  void moveToProcessed_movesAndNeverDeliversFromTheProcessedFolder() {
    put("Inbox/a.pdf", "a");
    put("Inbox/b.pdf", "b");
    FolderWatch watch = watch(WatchOptions.builder("Inbox").build());

    WatchResult result = watch.poll(recording(Disposition.MOVE_TO_PROCESSED));
    WatchResult again = watch.poll(recording(Disposition.MOVE_TO_PROCESSED));

    assertThat(result.moved()).isEqualTo(2);
    assertThat(again.delivered()).isZero();
    assertThat(drives.find(fixture.driveId, "Inbox/Processed/a.pdf")).isPresent();
    assertThat(drives.find(fixture.driveId, "Inbox/a.pdf")).isEmpty();
    assertThat(delivered).containsExactlyInAnyOrder("a.pdf", "b.pdf");
  }

  @Test
  void delete_removesTheFileAfterHandling() {
    put("Inbox/a.pdf", "a");
    FolderWatch watch = watch(WatchOptions.builder("Inbox").build());

    assertThat(watch.poll(recording(Disposition.DELETE)).deleted()).isOne();
    assertThat(watch.poll(recording(Disposition.DELETE)).delivered()).isZero();

    assertThat(drives.find(fixture.driveId, "Inbox/a.pdf")).isEmpty();
    assertThat(delivered).containsExactly("a.pdf");
  }

  @Test
  void restartedWorker_neitherMissesNorRedelivers() {
    for (String name : List.of("1.pdf", "2.pdf", "3.pdf", "4.pdf")) {
      put("Inbox/" + name, name);
    }
    FolderWatch watch = watch(WatchOptions.builder("Inbox").pageSize(2).build());
    // The worker handles two files, then dies while handling the third.
    assertThatThrownBy(
            () ->
                watch.poll(
                    file -> {
                      if (delivered.size() == 2) {
                        throw new IllegalStateException("worker killed");
                      }
                      delivered.add(file.name());
                      return Disposition.KEEP;
                    }))
        .isInstanceOf(OneDriveException.class)
        .hasMessageContaining("worker killed");
    assertThat(watch.status().healthy()).isFalse();
    long tokenRecordVersion = record().version();

    OneDrive restarted = fixture.restartedProcess(DriveOptions.defaults());
    FolderWatch after =
        restarted
            .systemIntegration()
            .watchFolder(WatchOptions.builder("Inbox").pageSize(2).build());
    after.poll(recording(Disposition.KEEP));
    after.poll(recording(Disposition.KEEP));

    assertThat(delivered).containsExactlyInAnyOrder("1.pdf", "2.pdf", "3.pdf", "4.pdf");
    assertThat(after.status().healthy()).isTrue();
    assertThat(record().version()).isEqualTo(tokenRecordVersion);
    assertThat(record().lastError()).isNull();
  }

  @Test
  void resyncRequired_deliversNewFilesOnceAndOldOnesNotAgain() {
    put("Inbox/kept.pdf", "kept");
    FolderWatch watch = watch(WatchOptions.builder("Inbox").build());
    watch.poll(recording(Disposition.KEEP));
    put("Inbox/while-away.pdf", "new");
    drives.invalidateDeltaTokens(fixture.driveId);

    WatchResult result = watch.poll(recording(Disposition.KEEP));
    WatchResult after = watch.poll(recording(Disposition.KEEP));

    assertThat(result.resynced()).isTrue();
    assertThat(after.delivered()).isZero();
    assertThat(delivered).containsExactlyInAnyOrder("kept.pdf", "while-away.pdf");
    assertThat(fixture.graphRequests()).anyMatch(r -> r.status() == 410);
  }

  @Test
  void timePassing_neverCausesASecondDelivery() {
    drives.setDeltaTokenLifetime(fixture.driveId, Duration.ofDays(1));
    put("Inbox/a.pdf", "a");
    FolderWatch watch = watch(WatchOptions.builder("Inbox").build());
    watch.poll(recording(Disposition.KEEP));

    fixture.clock.advance(Duration.ofDays(3));
    watch.poll(recording(Disposition.KEEP));
    fixture.clock.advance(Duration.ofDays(40));
    watch.poll(recording(Disposition.KEEP));

    assertThat(delivered).containsExactly("a.pdf");
  }

  @Test
  void failingListing_isRecordedAsUnhealthyUntilAPollSucceeds() {
    FolderWatch watch = watch(WatchOptions.builder("Missing").build());

    assertThatThrownBy(() -> watch.poll(recording(Disposition.KEEP)))
        .isInstanceOf(NotFoundException.class);
    assertThat(watch.status().healthy()).isFalse();
    assertThat(watch.status().lastError()).contains("Missing");
    assertThat(watch.status().lastErrorAt()).isEqualTo(fixture.clock.instant());
    // The failure is the watch's, kept in its state: the token record is not written for it.
    assertThat(record().lastError()).isNull();

    fixture.clock.advance(Duration.ofMinutes(1));
    drives.createFolders(fixture.driveId, "Missing");
    watch.poll(recording(Disposition.KEEP));

    assertThat(watch.status().healthy()).isTrue();
    assertThat(record().lastError()).isNull();
  }

  @Test
  void failingToken_isRecordedAndNeverReportedAsSuccess() {
    put("Inbox/a.pdf", "a");
    FolderWatch watch = watch(WatchOptions.builder("Inbox").build());
    watch.poll(recording(Disposition.KEEP));
    fixture.clock.advance(Duration.ofHours(3));
    fixture
        .fake
        .faults()
        .add(
            FaultRule.onTokenEndpoint()
                .identityError(401, "invalid_client", 7000215, "Invalid client secret provided."));
    put("Inbox/b.pdf", "b");

    assertThatThrownBy(() -> watch.poll(recording(Disposition.KEEP)))
        .isInstanceOf(OneDriveException.class);

    assertThat(watch.status().healthy()).isFalse();
    assertThat(watch.status().lastSuccessAt()).isBefore(watch.status().lastErrorAt());
    assertThat(delivered).containsExactly("a.pdf");
  }

  @Test
  void largeFolder_isDeliveredCompletelyAcrossPages() {
    for (int i = 0; i < 450; i++) {
      drives.putFile(fixture.driveId, String.format("Bulk/f%03d.txt", i), new byte[] {(byte) i});
    }
    FolderWatch watch = watch(WatchOptions.builder("Bulk").pageSize(100).build());

    WatchResult result = watch.poll(recording(Disposition.KEEP));

    assertThat(result.delivered()).isEqualTo(450);
    assertThat(delivered).doesNotHaveDuplicates().hasSize(450);
    assertThat(delivered.stream().map(n -> n.substring(0, 1))).containsOnly("f");
    List<DriveItem> none = new ArrayList<>();
    watch.poll(
        file -> {
          none.add(file);
          return Disposition.KEEP;
        });
    assertThat(none).isEmpty();
  }

  private FileHandler recordingPaths(List<String> paths, Disposition disposition) {
    return file -> {
      paths.add(file.path());
      return disposition;
    };
  }

  private List<RecordedRequest> deltaRequests() {
    return fixture.graphRequests().stream().filter(r -> r.path().endsWith("/delta")).toList();
  }

  /** Moves an item over plain HTTP, as another client of the drive would. */
  private void moveWithGraph(String itemId, String newParentId) throws Exception {
    String token =
        fixture
            .fake
            .identity()
            .issueAppOnlyAccessToken(
                FakeMicrosoft.DEFAULT_APP,
                DriveFixture.USER.tenantId(),
                FakeIdentity.GRAPH_AUDIENCE,
                Set.of("Files.ReadWrite.All"),
                Duration.ofHours(1));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            fixture.fake.baseUrl()
                                + "/v1.0/drives/"
                                + fixture.driveId
                                + "/items/"
                                + itemId))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                            "{\"parentReference\":{\"id\":\"" + newParentId + "\"}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void businessDrive_readsTheRootsDelta_andDeliversOnlyFilesBelowTheWatchedFolderWithTheirPaths() {
    put("Inbox/a.pdf", "a");
    put("Inbox/sub/deep/b.pdf", "b");
    put("Inbox2/not-mine.pdf", "x");
    put("Other/Inbox/not-mine-either.pdf", "y");
    put("top.pdf", "z");
    FolderWatch watch = watch(WatchOptions.builder("inbox").build());
    List<String> paths = new ArrayList<>();

    watch.poll(recordingPaths(paths, Disposition.KEEP));
    put("Inbox/sub/deep/c.pdf", "c");
    put("Other/d.pdf", "d");
    watch.poll(recordingPaths(paths, Disposition.KEEP));

    assertThat(paths)
        .containsExactlyInAnyOrder("Inbox/a.pdf", "Inbox/sub/deep/b.pdf", "Inbox/sub/deep/c.pdf");
    assertThat(deltaRequests())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.path()).endsWith("/root/delta"));
  }

  @Test
  void personalDrive_readsTheWatchedFoldersOwnDelta() {
    OneDrive personal = fixture.personalAccount();
    String aliceDrive = drives.userDrive(FakeMicrosoft.DEFAULT_PERSONAL_USER.objectId());
    drives.putFile(aliceDrive, "Scans/one.pdf", new byte[] {1});
    drives.putFile(aliceDrive, "Scans/2026/two.pdf", new byte[] {2});
    drives.putFile(aliceDrive, "Elsewhere/three.pdf", new byte[] {3});
    List<String> paths = new ArrayList<>();

    personal
        .systemIntegration()
        .watchFolder(WatchOptions.builder("Scans").build())
        .poll(recordingPaths(paths, Disposition.KEEP));

    assertThat(paths).containsExactlyInAnyOrder("Scans/one.pdf", "Scans/2026/two.pdf");
    String scansId = drives.find(aliceDrive, "Scans").orElseThrow().id();
    assertThat(deltaRequests())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.path()).endsWith("/items/" + scansId + "/delta"));
  }

  @Test
  void fileMovedIntoAFolderTheChangesDoNotPlace_isPlacedByAskingForThatFolder() throws Exception {
    drives.createFolders(fixture.driveId, "Inbox");
    FolderWatch watch = watch(WatchOptions.builder("Inbox").start(WatchStart.ONLY_NEW).build());
    watch.poll(recording(Disposition.KEEP));
    // The file is older than the folder it moves into, so the changes list it before the folder.
    String fileId = drives.putFile(fixture.driveId, "Outside/moved.pdf", new byte[] {1}).id();
    String laterId = drives.createFolders(fixture.driveId, "Inbox/Later").id();
    moveWithGraph(fileId, laterId);
    List<String> paths = new ArrayList<>();

    watch.poll(recordingPaths(paths, Disposition.KEEP));

    assertThat(paths).containsExactly("Inbox/Later/moved.pdf");
    assertThat(fixture.graphRequests())
        .anyMatch(r -> r.method().equals("GET") && r.path().endsWith("/items/" + laterId));
  }

  @Test
  void filesArrivingBelowTheProcessedFolder_areNeverDelivered_alsoAfterARestart() throws Exception {
    put("Inbox/a.pdf", "a");
    watch(WatchOptions.builder("Inbox").build()).poll(recording(Disposition.MOVE_TO_PROCESSED));
    String early = drives.putFile(fixture.driveId, "Outside/early.pdf", new byte[] {1}).id();
    String archive = drives.createFolders(fixture.driveId, "Inbox/Processed/2026").id();
    moveWithGraph(early, archive);
    put("Inbox/Processed/2026/late.pdf", "late");
    put("Inbox/Processed/direct.pdf", "direct");
    put("Inbox/b.pdf", "b");

    OneDrive restarted = fixture.restartedProcess(DriveOptions.defaults());
    restarted
        .systemIntegration()
        .watchFolder(WatchOptions.builder("Inbox").build())
        .poll(recording(Disposition.KEEP));

    assertThat(delivered).containsExactly("a.pdf", "b.pdf");
    assertThat(drives.find(fixture.driveId, "Inbox/Processed/a.pdf")).isPresent();
  }

  @Test
  void folderMovedIntoTheWatchedFolder_hasItsFilesDeliveredOnce() throws Exception {
    put("Inbox/x.pdf", "x");
    put("Outside/batch/a.pdf", "a");
    put("Outside/batch/deep/b.pdf", "b");
    FolderWatch watch = watch(WatchOptions.builder("Inbox").build());
    List<String> paths = new ArrayList<>();
    watch.poll(recordingPaths(paths, Disposition.KEEP));

    // Graph lists a moved folder among the changes, but not the files inside it.
    moveWithGraph(
        drives.find(fixture.driveId, "Outside/batch").orElseThrow().id(),
        drives.find(fixture.driveId, "Inbox").orElseThrow().id());
    watch.poll(recordingPaths(paths, Disposition.KEEP));
    watch.poll(recordingPaths(paths, Disposition.KEEP));

    assertThat(paths)
        .containsExactlyInAnyOrder("Inbox/x.pdf", "Inbox/batch/a.pdf", "Inbox/batch/deep/b.pdf");
  }

  @Test
  void folderMovedIn_whileTheWorkerDies_isFinishedByTheRestartedWorker() throws Exception {
    put("Outside/batch/a.pdf", "a");
    put("Outside/batch/b.pdf", "b");
    drives.createFolders(fixture.driveId, "Inbox");
    FolderWatch watch = watch(WatchOptions.builder("Inbox").build());
    watch.poll(recording(Disposition.KEEP));
    moveWithGraph(
        drives.find(fixture.driveId, "Outside/batch").orElseThrow().id(),
        drives.find(fixture.driveId, "Inbox").orElseThrow().id());

    assertThatThrownBy(
            () ->
                watch.poll(
                    file -> {
                      if (!delivered.isEmpty()) {
                        throw new IllegalStateException("worker killed");
                      }
                      delivered.add(file.name());
                      return Disposition.KEEP;
                    }))
        .hasMessageContaining("worker killed");
    fixture
        .restartedProcess(DriveOptions.defaults())
        .systemIntegration()
        .watchFolder(WatchOptions.builder("Inbox").build())
        .poll(recording(Disposition.KEEP));

    assertThat(delivered).containsExactlyInAnyOrder("a.pdf", "b.pdf");
  }

  @Test
  void onlyNew_neverDeliversOldFilesOfSubfoldersThatChangeLater() {
    put("Inbox/sub/old.pdf", "old");
    put("Inbox/sub/deeper/older.pdf", "older");
    FolderWatch watch = watch(WatchOptions.builder("Inbox").start(WatchStart.ONLY_NEW).build());
    watch.poll(recording(Disposition.KEEP));

    put("Inbox/sub/new.pdf", "new");
    put("Inbox/sub/deeper/newer.pdf", "newer");
    put("Inbox/fresh/first.pdf", "first");
    watch.poll(recording(Disposition.KEEP));

    assertThat(delivered).containsExactlyInAnyOrder("new.pdf", "newer.pdf", "first.pdf");
  }

  @Test
  void anotherNodesPoll_isSkippedWhileOneRuns_andNothingIsDeliveredTwice() {
    put("Inbox/a.pdf", "a");
    put("Inbox/b.pdf", "b");
    FolderWatch otherNode =
        fixture
            .restartedProcess(DriveOptions.defaults())
            .systemIntegration()
            .watchFolder(WatchOptions.builder("Inbox").build());
    List<WatchResult> otherResults = new ArrayList<>();
    FolderWatch watch = watch(WatchOptions.builder("Inbox").build());

    WatchResult result =
        watch.poll(
            file -> {
              delivered.add(file.name());
              otherResults.add(otherNode.poll(recording(Disposition.KEEP)));
              return Disposition.KEEP;
            });
    WatchResult afterwards = otherNode.poll(recording(Disposition.KEEP));

    assertThat(result.delivered()).isEqualTo(2);
    assertThat(result.skipped()).isFalse();
    assertThat(otherResults).hasSize(2).allMatch(WatchResult::skipped);
    assertThat(afterwards.skipped()).isFalse();
    assertThat(afterwards.delivered()).isZero();
    assertThat(delivered).containsExactlyInAnyOrder("a.pdf", "b.pdf");
    assertThat(state("Inbox").lease()).isNull();
  }

  @Test
  void handlerThrowingAnError_releasesTheLeaseRecordsTheFailureAndRethrowsTheError() {
    put("Inbox/a.pdf", "a");
    FolderWatch watch = watch(WatchOptions.builder("Inbox").build());
    AssertionError thrown = new AssertionError("handler invariant broken");

    assertThatThrownBy(
            () ->
                watch.poll(
                    file -> {
                      throw thrown;
                    }))
        .isSameAs(thrown);

    assertThat(state("Inbox").lease()).isNull();
    assertThat(watch.status().healthy()).isFalse();
    assertThat(watch.status().lastError())
        .contains("AssertionError")
        .contains("handler invariant broken");
    assertThat(record().lastError()).isNull();
    // Another node is not locked out: it polls at once and gets the file.
    WatchResult next =
        fixture
            .restartedProcess(DriveOptions.defaults())
            .systemIntegration()
            .watchFolder(WatchOptions.builder("Inbox").build())
            .poll(recording(Disposition.KEEP));
    assertThat(next.skipped()).isFalse();
    assertThat(delivered).containsExactly("a.pdf");
    assertThat(watch.status().healthy()).isTrue();
  }

  @Test
  void handlerOverflowingItsStack_releasesTheLeaseAndRecordsTheFailure() {
    put("Inbox/a.pdf", "a");
    FolderWatch watch = watch(WatchOptions.builder("Inbox").build());

    assertThatThrownBy(() -> watch.poll(file -> recurse(file.name().length())))
        .isInstanceOf(StackOverflowError.class);

    assertThat(state("Inbox").lease()).isNull();
    assertThat(watch.status().lastError()).startsWith("StackOverflowError");
    assertThat(watch.poll(recording(Disposition.KEEP)).delivered()).isEqualTo(1);
  }

  private static Disposition recurse(int depth) {
    if (depth < 0) {
      return Disposition.KEEP;
    }
    return recurse(depth + 1);
  }

  @Test
  void leaseOfANodeThatDied_runsOut() {
    put("Inbox/a.pdf", "a");
    FolderWatch watch = watch(WatchOptions.builder("Inbox").lease(Duration.ofMinutes(5)).build());
    plantLease(
        "Inbox",
        new WatchState.Lease("dead-node", fixture.clock.instant().plus(Duration.ofMinutes(5))));

    WatchResult blocked = watch.poll(recording(Disposition.KEEP));
    fixture.clock.advance(Duration.ofMinutes(5));
    WatchResult after = watch.poll(recording(Disposition.KEEP));

    assertThat(blocked.skipped()).isTrue();
    assertThat(after.skipped()).isFalse();
    assertThat(delivered).containsExactly("a.pdf");
    assertThat(watch.status().lastSuccessAt()).isEqualTo(fixture.clock.instant());
  }

  @Test
  void pollThatOutlivesItsLease_isTakenOverAndStopsWithAClearError() {
    put("Inbox/a.pdf", "a");
    put("Inbox/b.pdf", "b");
    WatchOptions options = WatchOptions.builder("Inbox").lease(Duration.ofMinutes(1)).build();
    FolderWatch otherNode =
        fixture.restartedProcess(DriveOptions.defaults()).systemIntegration().watchFolder(options);
    List<String> otherDelivered = new ArrayList<>();

    assertThatThrownBy(
            () ->
                watch(options)
                    .poll(
                        file -> {
                          if (delivered.isEmpty()) {
                            fixture.clock.advance(Duration.ofMinutes(2));
                            otherNode.poll(
                                f -> {
                                  otherDelivered.add(f.name());
                                  return Disposition.KEEP;
                                });
                          }
                          delivered.add(file.name());
                          return Disposition.KEEP;
                        }))
        .isInstanceOf(OneDriveException.class)
        .hasMessageContaining("took the watch over");
    assertThat(otherDelivered).containsExactlyInAnyOrder("a.pdf", "b.pdf");
    assertThatThrownBy(() -> WatchOptions.builder("Inbox").lease(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unreadableLeaseLeftInTheTokenRecordByAPreviousRelease_doesNotBlockTheWatch() {
    put("Inbox/a.pdf", "a");
    StoredIntegration current = record();
    fixture.store.compareAndSet(
        current.version(),
        current
            .nextVersion(fixture.clock.instant())
            .attribute("watch.Inbox.lease", "not a lease")
            .build());

    WatchResult result =
        watch(WatchOptions.builder("Inbox").build()).poll(recording(Disposition.KEEP));

    assertThat(result.skipped()).isFalse();
    assertThat(delivered).containsExactly("a.pdf");
    assertThat(record().attributes()).doesNotContainKey("watch.Inbox.lease");
  }

  /**
   * The fixture's watch states, except that one watch's stored record answers as a store answers
   * for a record it cannot parse (a damaged file), until it is deleted.
   */
  private static final class DamagedWatchStates implements WatchStateStore {
    private final WatchStateStore delegate;
    private final String damagedWatch;
    private volatile boolean damaged;

    DamagedWatchStates(WatchStateStore delegate, String damagedWatch) {
      this.delegate = delegate;
      this.damagedWatch = damagedWatch;
    }

    void damage() {
      damaged = true;
    }

    private void check(IntegrationKey key, String watchId) {
      if (damaged && watchId.equals(damagedWatch) && delegate.read(key, watchId).isPresent()) {
        throw new UnreadableRecordException(key, "watch '" + watchId + "': it is not JSON", null);
      }
    }

    @Override
    public Optional<WatchState> read(IntegrationKey key, String watchId) {
      check(key, watchId);
      return delegate.read(key, watchId);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, WatchState newValue) {
      check(newValue.key(), newValue.watchId());
      return delegate.compareAndSet(expectedVersion, newValue);
    }

    @Override
    public boolean delete(IntegrationKey key, String watchId) {
      boolean deleted = delegate.delete(key, watchId);
      if (watchId.equals(damagedWatch)) {
        damaged = false;
      }
      return deleted;
    }

    @Override
    public int deleteAll(IntegrationKey key) {
      damaged = false;
      return delegate.deleteAll(key);
    }
  }

  @Test
  void unreadableStoredState_failsPollsSayingSo_andResetStartsTheWatchOver() {
    put("Inbox/a.pdf", "a");
    DamagedWatchStates states = new DamagedWatchStates(watchStates(), "inbox");
    OneDrive process = fixture.processWithWatchStates(states);
    FolderWatch watch =
        process
            .systemIntegration()
            .watchFolder(WatchOptions.builder("Inbox").watchId("inbox").build());
    assertThat(watch.poll(recording(Disposition.KEEP)).delivered()).isEqualTo(1);
    states.damage();

    assertThatThrownBy(() -> watch.poll(recording(Disposition.KEEP)))
        .isInstanceOf(FolderWatchException.class)
        .hasMessageContaining("stored state is unreadable")
        .hasMessageContaining("it is not JSON")
        .hasMessageContaining("reset()");
    assertThat(watch.status().healthy()).isFalse();
    assertThat(watch.status().lastError()).contains("reset()");

    watch.reset();

    assertThat(watch.status().healthy()).isTrue();
    assertThat(watch.poll(recording(Disposition.KEEP)).delivered()).isEqualTo(1);
    assertThat(delivered).containsExactly("a.pdf", "a.pdf");
  }

  @Test
  void polls_neverWriteTheTokenRecord() {
    for (int i = 0; i < 5; i++) {
      put("Inbox/" + i + ".pdf", "v" + i);
    }
    FolderWatch watch = watch(WatchOptions.builder("Inbox").pageSize(2).build());
    watch.poll(recording(Disposition.KEEP));
    long version = record().version();

    put("Inbox/new.pdf", "new");
    watch.poll(recording(Disposition.MOVE_TO_PROCESSED));
    watch.reset();
    watch.poll(recording(Disposition.KEEP));
    watch.status();

    assertThat(record().version()).isEqualTo(version);
    assertThat(state("Inbox").version()).isGreaterThan(5);
  }

  @Test
  void tokenStoreWithoutWatchStates_failsWithAConfigurationErrorNamingTheSetting() {
    TokenStore bare = new ObservedTokenStore(fixture.store);
    OneDrive node =
        OneDrive.builder(DriveFixture.config(fixture.fake))
            .tokenStore(bare)
            .transport(fixture.fake.transportOptions())
            .clock(fixture.clock)
            .build();

    assertThatThrownBy(
            () -> node.systemIntegration().watchFolder(WatchOptions.builder("Inbox").build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("OneDrive.Builder.watchStateStore");

    WatchStateStore own = WatchStateStore.inMemory();
    put("Inbox/a.pdf", "a");
    OneDrive configured =
        OneDrive.builder(DriveFixture.config(fixture.fake))
            .tokenStore(bare)
            .watchStateStore(own)
            .transport(fixture.fake.transportOptions())
            .clock(fixture.clock)
            .build();
    configured
        .systemIntegration()
        .watchFolder(WatchOptions.builder("Inbox").build())
        .poll(recording(Disposition.KEEP));
    assertThat(delivered).containsExactly("a.pdf");
    assertThat(own.read(fixture.integration.key(), "Inbox")).isPresent();
    assertThat(watchStates().read(fixture.integration.key(), "Inbox")).isEmpty();
  }

  /** A token store of a host that keeps no watch states: every call goes to another store. */
  private static final class ObservedTokenStore implements TokenStore {
    private final TokenStore inner;

    ObservedTokenStore(TokenStore inner) {
      this.inner = inner;
    }

    @Override
    public Optional<StoredIntegration> read(io.github.docuelevate.onedrive.IntegrationKey key) {
      return inner.read(key);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, StoredIntegration newValue) {
      return inner.compareAndSet(expectedVersion, newValue);
    }

    @Override
    public boolean delete(io.github.docuelevate.onedrive.IntegrationKey key) {
      return inner.delete(key);
    }

    @Override
    public List<StoredIntegration> listByOwner(String owner) {
      return inner.listByOwner(owner);
    }

    @Override
    public List<io.github.docuelevate.onedrive.IntegrationKey> listKeys() {
      return inner.listKeys();
    }
  }

  @Test
  void largeFolderMovedIn_andMovedToProcessedFileByFile_hasEveryFileDeliveredOnce()
      throws Exception {
    for (int i = 0; i < 230; i++) {
      drives.putFile(fixture.driveId, String.format("Outside/bulk/f%03d.txt", i), new byte[] {1});
    }
    drives.createFolders(fixture.driveId, "Inbox");
    FolderWatch watch = watch(WatchOptions.builder("Inbox").build());
    watch.poll(recording(Disposition.MOVE_TO_PROCESSED));
    moveWithGraph(
        drives.find(fixture.driveId, "Outside/bulk").orElseThrow().id(),
        drives.find(fixture.driveId, "Inbox").orElseThrow().id());

    WatchResult result = watch.poll(recording(Disposition.MOVE_TO_PROCESSED));
    WatchResult again = watch.poll(recording(Disposition.MOVE_TO_PROCESSED));

    assertThat(result.delivered()).isEqualTo(230);
    assertThat(again.delivered()).isZero();
    assertThat(delivered).hasSize(230).doesNotHaveDuplicates();
    assertThat(drives.tree(fixture.driveId))
        .filteredOn(e -> e.path().startsWith("Inbox/Processed/") && !e.folder())
        .hasSize(230);
  }
}
