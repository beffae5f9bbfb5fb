package io.github.docuelevate.onedrive.graphsdk;

import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.models.DriveItem;
import com.microsoft.graph.models.DriveItemCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.FakeClock;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import java.net.URI;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Starts the testkit's fake Microsoft (identity platform and Graph) with a fake clock per test, a
 * {@link OneDrive} reaching it, and the Graph clients of this module on top.
 */
abstract class FakeGraphTestBase {
  static final FakeUser ALICE = FakeMicrosoft.DEFAULT_PERSONAL_USER;
  static final FakeUser BOB = FakeMicrosoft.DEFAULT_WORK_USER;
  static final URI REDIRECT = URI.create(FakeMicrosoft.DEFAULT_REDIRECT_URI);

  FakeClock clock;
  FakeMicrosoft fake;
  TokenStore store;
  OneDrive oneDrive;
  OneDriveGraphClients graph;

  /** Whether the fake serves HTTPS (its certificate trusted through the transport options). */
  boolean https() {
    return false;
  }

  @BeforeEach
  void startFake() {
    clock = FakeClock.create();
    fake = FakeMicrosoft.builder().clock(clock).https(https()).build().start();
    store = TokenStore.inMemory();
    oneDrive =
        OneDrive.builder(fake.oneDriveConfig().build())
            .tokenStore(store)
            .clock(clock)
            .transport(fake.transportOptions())
            .build();
    graph =
        OneDriveGraphClients.builder(oneDrive.config()).transport(fake.transportOptions()).build();
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  /**
   * Creates an integration for a user and runs begin -> the fake's authorize redirect -> complete.
   */
  OneDriveIntegration authorize(FakeUser user, IntegrationKey key) {
    oneDrive.createIntegration(
        user.personal()
            ? NewIntegration.builder(key, AccountType.PERSONAL).build()
            : NewIntegration.builder(key, AccountType.WORK_OR_SCHOOL)
                .tenant(user.tenantId())
                .build());
    fake.identity().signInAs(user);
    URI url =
        oneDrive
            .authorizationFlow()
            .begin(AuthorizationRequest.of(key, REDIRECT))
            .authorizationUrl();
    return oneDrive.authorizationFlow().complete(key.owner(), fake.authorize(url));
  }

  /**
   * Creates the folders {@code parent/item-000}, {@code parent/item-001}, ... in a drive.
   *
   * @return the parent folder's id
   */
  String createFolders(String drive, String parent, int count) {
    for (int i = 0; i < count; i++) {
      fake.drives().createFolders(drive, String.format(Locale.ROOT, "%s/item-%03d", parent, i));
    }
    return fake.drives().find(drive, parent).orElseThrow().id();
  }

  /** Runs the SDK's {@link PageIterator} from a first page of children over every child. */
  static void forEachChild(
      GraphServiceClient client, DriveItemCollectionResponse first, Consumer<DriveItem> each)
      throws ReflectiveOperationException {
    new PageIterator.Builder<DriveItem, DriveItemCollectionResponse>()
        .client(client)
        .collectionPage(first)
        .collectionPageFactory(DriveItemCollectionResponse::createFromDiscriminatorValue)
        .processPageItemCallback(
            child -> {
              each.accept(child);
              return true;
            })
        .build()
        .iterate();
  }

  /** Returns how many token requests the fake received. */
  long tokenRequests() {
    return fake.journal().count("POST", "/*/oauth2/v2.0/token");
  }

  /** Returns how many Graph requests the fake answered with 401. */
  long unauthorizedGraphRequests() {
    return fake.journal().count(r -> r.path().startsWith("/v1.0/") && r.status() == 401);
  }
}
