package io.github.docuelevate.onedrive.graphsdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.core.models.UploadResult;
import com.microsoft.graph.core.tasks.LargeFileUploadTask;
import com.microsoft.graph.drives.item.items.item.DriveItemItemRequestBuilder;
import com.microsoft.graph.drives.item.items.item.createuploadsession.CreateUploadSessionPostRequestBody;
import com.microsoft.graph.drives.item.items.item.delta.DeltaGetResponse;
import com.microsoft.graph.models.DriveItem;
import com.microsoft.graph.models.DriveItemCollectionResponse;
import com.microsoft.graph.models.DriveItemUploadableProperties;
import com.microsoft.graph.models.UploadSession;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.testkit.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Graph SDK's own helpers on an integration's tokens, against the fake Graph server. */
class GraphServiceClientOnFakeTest extends FakeGraphTestBase {
  private OneDriveIntegration alice;
  private GraphServiceClient client;
  private String drive;

  @BeforeEach
  void authorizeAlice() {
    alice = authorize(ALICE, new IntegrationKey("alice", "personal"));
    client = graph.client(alice);
    drive = fake.drives().userDrive(ALICE.objectId());
  }

  private DriveItemItemRequestBuilder item(String idOrPath) {
    return client.drives().byDriveId(drive).items().byDriveItemId(idOrPath);
  }

  @Test
  void me_answersAsTheIntegrationsUserWithItsBearerToken() {
    assertThat(client.me().get().getId()).isEqualTo(ALICE.objectId());

    RecordedRequest me = fake.journal().requests("GET", "/v1.0/me").get(0);
    assertThat(me.header("Authorization")).startsWith("Bearer ");
    assertThat(graph.graphBaseUrl()).isEqualTo(fake.graphBaseUrl());
  }

  @Test
  void children_pageIteratorFollowsEveryNextLink() throws Exception {
    String folder = createFolders(drive, "Many", 130);
    DriveItemCollectionResponse first =
        item(folder).children().get(config -> config.queryParameters.top = 50);
    List<String> names = new ArrayList<>();

    forEachChild(client, first, child -> names.add(child.getName()));

    assertThat(names).hasSize(130).doesNotHaveDuplicates().isSorted();
    assertThat(fake.journal().count("GET", "/v1.0/drives/*/items/*/children")).isEqualTo(3);
  }

  @Test
  void largeFileUploadTask_uploadsFragmentsWithoutTheTokenOnTheUploadUrl() throws Exception {
    byte[] data = new byte[3 * 320 * 1024 + 12_345];
    new SplittableRandom(3).nextBytes(data);
    CreateUploadSessionPostRequestBody body = new CreateUploadSessionPostRequestBody();
    DriveItemUploadableProperties properties = new DriveItemUploadableProperties();
    properties.getAdditionalData().put("@microsoft.graph.conflictBehavior", "replace");
    body.setItem(properties);
    UploadSession session = item("root:/Docs/big.bin:").createUploadSession().post(body);
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
    assertThat(result.itemResponse.getSize()).isEqualTo(data.length);
    assertThat(fake.drives().readFile(drive, "Docs/big.bin")).isEqualTo(data);
    List<RecordedRequest> fragments = fake.journal().requests("PUT", "/graph-upload/**");
    assertThat(fragments).hasSize(4);
    assertThat(fragments).allSatisfy(put -> assertThat(put.header("Authorization")).isNull());
    assertThat(fake.journal().requests("POST", "/v1.0/**"))
        .allSatisfy(post -> assertThat(post.header("Authorization")).startsWith("Bearer "));
  }

  @Test
  void delta_pagesToADeltaLinkThenReportsOnlyTheChanges() {
    for (int i = 0; i < 5; i++) {
      fake.drives().putFile(drive, "Sync/f" + i + ".txt", new byte[] {(byte) i});
    }
    List<String> first = new ArrayList<>();
    DeltaGetResponse page = item("root").delta().get(config -> config.queryParameters.top = 2);
    while (page.getOdataNextLink() != null) {
      page.getValue().forEach(changed -> first.add(changed.getName()));
      page = item("root").delta().withUrl(page.getOdataNextLink()).get();
    }
    page.getValue().forEach(changed -> first.add(changed.getName()));
    String deltaLink = page.getOdataDeltaLink();
    assertThat(first).contains("Sync", "f0.txt", "f4.txt");

    fake.drives().putFile(drive, "Sync/new.txt", new byte[] {9});
    fake.drives().delete(drive, "Sync/f1.txt");
    DeltaGetResponse changes = item("root").delta().withUrl(deltaLink).get();

    assertThat(changes.getValue())
        .anySatisfy(changed -> assertThat(changed.getName()).isEqualTo("new.txt"))
        .anySatisfy(
            changed -> {
              assertThat(changed.getName()).isEqualTo("f1.txt");
              assertThat(changed.getDeleted()).isNotNull();
            })
        .noneSatisfy(changed -> assertThat(changed.getName()).isEqualTo("f2.txt"));
  }

  @Test
  void downloadRedirect_followsToThePreAuthenticatedUrlWithoutTheToken() throws Exception {
    byte[] data = "scan contents".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String id = fake.drives().putFile(drive, "Docs/scan.txt", data).id();

    try (java.io.InputStream in = item(id).content().get()) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }

    List<RecordedRequest> downloads = fake.journal().requests("GET", "/graph-download/**");
    assertThat(downloads).hasSize(1);
    assertThat(downloads.get(0).header("Authorization")).isNull();
  }
}
