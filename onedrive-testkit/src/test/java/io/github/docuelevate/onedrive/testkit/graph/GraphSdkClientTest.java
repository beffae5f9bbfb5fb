package io.github.docuelevate.onedrive.testkit.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.core.models.UploadResult;
import com.microsoft.graph.core.tasks.LargeFileUploadTask;
import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.drives.item.items.item.DriveItemItemRequestBuilder;
import com.microsoft.graph.drives.item.items.item.createuploadsession.CreateUploadSessionPostRequestBody;
import com.microsoft.graph.drives.item.items.item.delta.DeltaGetResponse;
import com.microsoft.graph.models.DriveItem;
import com.microsoft.graph.models.DriveItemCollectionResponse;
import com.microsoft.graph.models.DriveItemUploadableProperties;
import com.microsoft.graph.models.Folder;
import com.microsoft.graph.models.ItemReference;
import com.microsoft.graph.models.UploadSession;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Graph SDK as an outside client of the fake: paging with its PageIterator and a
 * multi-fragment upload with its LargeFileUploadTask.
 */
class GraphSdkClientTest {
  @TempDir Path dir;
  GraphHarness h;
  GraphServiceClient client;
  String drive;

  @BeforeEach
  void start() {
    h = new GraphHarness(dir);
    drive = h.aliceDrive();
    // As a host application would configure it: the token goes to the Graph host only. The fake
    // serves upload and download URLs under its other loopback name, as Graph serves them on other
    // hosts, so the SDK keeps the token from them without help.
    AllowedHostsValidator graphHostOnly =
        new AllowedHostsValidator(URI.create(h.server.baseUrl()).getHost());
    AccessTokenProvider tokens =
        new AccessTokenProvider() {
          @Override
          public String getAuthorizationToken(URI uri, Map<String, Object> context) {
            return graphHostOnly.isUrlHostValid(uri) ? h.alice : "";
          }

          @Override
          public AllowedHostsValidator getAllowedHostsValidator() {
            return graphHostOnly;
          }
        };
    client = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens));
    client.getRequestAdapter().setBaseUrl(h.server.baseUrl() + "/v1.0");
  }

  /** The SDK's request builder for an item of the test drive, by id or {@code root:/path:}. */
  private DriveItemItemRequestBuilder item(String idOrPath) {
    return client.drives().byDriveId(drive).items().byDriveItemId(idOrPath);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void pageIterator_followsNextLinksThroughEveryChild() throws Exception {
    for (int i = 0; i < 130; i++) {
      h.drives().createFolders(drive, String.format(Locale.ROOT, "Many/item-%03d", i));
    }
    String folder = h.drives().find(drive, "Many").orElseThrow().id();
    DriveItemCollectionResponse first =
        item(folder).children().get(config -> config.queryParameters.top = 50);
    assertThat(first.getValue()).hasSize(50);
    assertThat(first.getOdataNextLink()).startsWith(h.server.baseUrl());
    List<String> names = new ArrayList<>();
    PageIterator<DriveItem, DriveItemCollectionResponse> iterator =
        new PageIterator.Builder<DriveItem, DriveItemCollectionResponse>()
            .client(client)
            .collectionPage(first)
            .collectionPageFactory(DriveItemCollectionResponse::createFromDiscriminatorValue)
            .processPageItemCallback(
                item -> {
                  names.add(item.getName());
                  return true;
                })
            .build();
    iterator.iterate();
    assertThat(names).hasSize(130).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void delta_pagesToADeltaLinkThenReportsChangesAndDeletions() {
    for (int i = 0; i < 5; i++) {
      h.drives().putFile(drive, "Sync/f" + i + ".txt", new byte[] {(byte) i});
    }
    List<DriveItem> first = new ArrayList<>();
    DeltaGetResponse page = item("root").delta().get(config -> config.queryParameters.top = 2);
    while (true) {
      first.addAll(page.getValue());
      if (page.getOdataNextLink() == null) {
        break;
      }
      page = item("root").delta().withUrl(page.getOdataNextLink()).get();
    }
    String deltaLink = page.getOdataDeltaLink();
    assertThat(deltaLink).startsWith(h.server.baseUrl());
    assertThat(first).extracting(DriveItem::getName).contains("Sync", "f0.txt", "f4.txt");
    assertThat(first)
        .filteredOn(item -> item.getRoot() == null)
        .allSatisfy(
            item -> {
              assertThat(item.getParentReference().getId()).isNotBlank();
              assertThat(item.getParentReference().getPath()).isNull();
            });

    h.drives().putFile(drive, "Sync/new.txt", new byte[] {9});
    h.drives().delete(drive, "Sync/f1.txt");
    DeltaGetResponse changes = item("root").delta().withUrl(deltaLink).get();

    assertThat(changes.getValue())
        .anySatisfy(item -> assertThat(item.getName()).isEqualTo("new.txt"))
        .anySatisfy(
            item -> {
              assertThat(item.getName()).isEqualTo("f1.txt");
              assertThat(item.getDeleted()).isNotNull();
            })
        .noneSatisfy(item -> assertThat(item.getName()).isEqualTo("f2.txt"));
    assertThat(changes.getOdataDeltaLink()).isNotEqualTo(deltaLink);

    String token = FakeMicrosoft.queryParameters(URI.create(deltaLink)).get("token");
    List<String> sameChanges =
        item("root").deltaWithToken(token).get().getValue().stream()
            .map(DriveItem::getName)
            .toList();
    assertThat(sameChanges)
        .containsExactlyInAnyOrderElementsOf(
            changes.getValue().stream().map(DriveItem::getName).toList());
  }

  @Test
  void contentPutAndGet_roundTripThroughTheSdk() throws Exception {
    byte[] data = new byte[70_000];
    new SplittableRandom(5).nextBytes(data);
    DriveItem put = item("root:/Docs/small.bin:").content().put(new ByteArrayInputStream(data));
    assertThat(put.getSize()).isEqualTo(data.length);

    try (java.io.InputStream in = item(put.getId()).content().get()) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
  }

  /** A new folder to post; the SDK sends a model's values once, so each request needs its own. */
  private static DriveItem newFolder(String name) {
    DriveItem folder = new DriveItem();
    folder.setName(name);
    folder.setFolder(new Folder());
    folder.getAdditionalData().put("@microsoft.graph.conflictBehavior", "fail");
    return folder;
  }

  @Test
  void foldersAreCreatedRenamedMovedAndDeletedThroughTheSdk() {
    assertThat(client.me().drive().get().getId()).isEqualTo(drive);
    DriveItem root = client.drives().byDriveId(drive).root().get();
    assertThat(root.getRoot()).isNotNull();

    DriveItem created = item(root.getId()).children().post(newFolder("Reports"));
    assertThat(created.getFolder()).isNotNull();
    try {
      item(root.getId()).children().post(newFolder("reports"));
      throw new AssertionError("expected a conflict");
    } catch (ODataError e) {
      assertThat(e.getResponseStatusCode()).isEqualTo(409);
      assertThat(e.getError().getCode()).isEqualTo("nameAlreadyExists");
    }

    String archiveId = item(root.getId()).children().post(newFolder("Archive")).getId();
    DriveItem change = new DriveItem();
    change.setName("Reports 2026");
    ItemReference parent = new ItemReference();
    parent.setId(archiveId);
    change.setParentReference(parent);
    DriveItem moved = item(created.getId()).patch(change);
    assertThat(moved.getName()).isEqualTo("Reports 2026");
    assertThat(h.drives().find(drive, "Archive/Reports 2026").orElseThrow().id())
        .isEqualTo(created.getId());

    item(created.getId()).delete();
    assertThat(h.drives().find(drive, "Archive/Reports 2026")).isEmpty();
  }

  @Test
  void missingItem_surfacesAsODataErrorItemNotFound() {
    try {
      item("root:/nope:").get();
      throw new AssertionError("expected an ODataError");
    } catch (ODataError e) {
      assertThat(e.getResponseStatusCode()).isEqualTo(404);
      assertThat(e.getError().getCode()).isEqualTo("itemNotFound");
    }
  }

  @Test
  void largeFileUploadTask_uploadsInSeveralFragments() throws Exception {
    byte[] data = new byte[3 * 320 * 1024 + 12_345];
    new SplittableRandom(3).nextBytes(data);
    CreateUploadSessionPostRequestBody body = new CreateUploadSessionPostRequestBody();
    DriveItemUploadableProperties properties = new DriveItemUploadableProperties();
    properties.getAdditionalData().put("@microsoft.graph.conflictBehavior", "replace");
    body.setItem(properties);
    UploadSession session = item("root:/Docs/big.bin:").createUploadSession().post(body);
    assertThat(session.getUploadUrl()).startsWith(h.preAuthenticatedBase() + "/graph-upload/");

    LargeFileUploadTask<DriveItem> task =
        new LargeFileUploadTask<>(
            client.getRequestAdapter(),
            session,
            new ByteArrayInputStream(data),
            data.length,
            320 * 1024,
            DriveItem::createFromDiscriminatorValue);
    UploadResult<DriveItem> result = task.upload();

    assertThat(result.isUploadSuccessful()).isTrue();
    assertThat(result.itemResponse.getName()).isEqualTo("big.bin");
    assertThat(result.itemResponse.getSize()).isEqualTo(data.length);
    assertThat(result.itemResponse.getFile().getHashes().getQuickXorHash())
        .isEqualTo(QuickXorHash.of(data));
    assertThat(h.drives().readFile(drive, "Docs/big.bin")).isEqualTo(data);
  }
}
