package io.github.docuelevate.onedrive.benchmarks;

import com.microsoft.graph.core.models.UploadResult;
import com.microsoft.graph.core.tasks.LargeFileUploadTask;
import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.drives.item.items.item.createuploadsession.CreateUploadSessionPostRequestBody;
import com.microsoft.graph.models.DriveItem;
import com.microsoft.graph.models.DriveItemCollectionResponse;
import com.microsoft.graph.models.DriveItemUploadableProperties;
import com.microsoft.graph.models.UploadSession;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Graph SDK baseline, pointed at the fake: a bearer-token provider that gives the token to the
 * fake's Graph host only (so pre-authenticated upload URLs on the fake's other loopback name get
 * none, as in production; the provider itself must check its allowed hosts) and the request
 * adapter's base URL set to the fake's Graph base.
 */
final class SdkGraph {
  private final GraphServiceClient client;
  private final String driveId;

  SdkGraph(String graphBaseUrl, String driveId, Supplier<String> token) {
    AllowedHostsValidator allowed = new AllowedHostsValidator(URI.create(graphBaseUrl).getHost());
    AccessTokenProvider tokens =
        new AccessTokenProvider() {
          @Override
          public String getAuthorizationToken(
              URI uri, @Nullable Map<String, Object> additionalAuthenticationContext) {
            // An empty token sends no Authorization header (upload URLs refuse one).
            return allowed.isUrlHostValid(uri) ? token.get() : "";
          }

          @Override
          public AllowedHostsValidator getAllowedHostsValidator() {
            return allowed;
          }
        };
    this.client = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens));
    client.getRequestAdapter().setBaseUrl(graphBaseUrl);
    this.driveId = driveId;
  }

  /** Uploads a file with {@code LargeFileUploadTask} in fragments of {@code fragment} bytes. */
  void largeFileUpload(Path file, String path, int fragment) throws Exception {
    CreateUploadSessionPostRequestBody body = new CreateUploadSessionPostRequestBody();
    DriveItemUploadableProperties properties = new DriveItemUploadableProperties();
    properties.getAdditionalData().put("@microsoft.graph.conflictBehavior", "replace");
    body.setItem(properties);
    UploadSession session =
        Objects.requireNonNull(
            client
                .drives()
                .byDriveId(driveId)
                .items()
                .byDriveItemId("root:/" + path + ":")
                .createUploadSession()
                .post(body),
            "no upload session");
    try (InputStream in = Files.newInputStream(file)) {
      LargeFileUploadTask<DriveItem> task =
          new LargeFileUploadTask<>(
              client.getRequestAdapter(),
              session,
              in,
              Files.size(file),
              fragment,
              DriveItem::createFromDiscriminatorValue);
      UploadResult<DriveItem> result = task.upload(3, null);
      if (!result.isUploadSuccessful()) {
        throw new IllegalStateException("the SDK upload did not complete");
      }
    }
  }

  /** Lists a folder's children with the SDK's page iterator, pages of {@code top}. */
  long listChildren(String folderId, int top) throws Exception {
    DriveItemCollectionResponse first =
        Objects.requireNonNull(
            client
                .drives()
                .byDriveId(driveId)
                .items()
                .byDriveItemId(folderId)
                .children()
                .get(config -> config.queryParameters.top = top),
            "no first page");
    AtomicLong count = new AtomicLong();
    new PageIterator.Builder<DriveItem, DriveItemCollectionResponse>()
        .client(client)
        .collectionPage(first)
        .collectionPageFactory(DriveItemCollectionResponse::createFromDiscriminatorValue)
        .processPageItemCallback(
            item -> {
              count.incrementAndGet();
              return true;
            })
        .build()
        .iterate();
    return count.get();
  }
}
