package io.github.docuelevate.onedrive.graphsdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.graph.models.DriveItemCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.ReauthorizationRequiredException;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expired, revoked and refused tokens while Graph SDK requests run. */
class TokenFailuresTest extends FakeGraphTestBase {
  private final IntegrationKey key = new IntegrationKey("alice", "personal");
  private OneDriveIntegration alice;
  private GraphServiceClient client;

  @BeforeEach
  void authorizeAlice() {
    alice = authorize(ALICE, key);
    client = graph.client(alice);
  }

  private Secret storedRefreshToken() {
    return Objects.requireNonNull(store.read(key).orElseThrow().refreshToken());
  }

  private void revokeCurrentAccessToken() {
    assertThat(fake.identity().revokeAccessToken(alice.accessToken().token().reveal())).isTrue();
  }

  @Test
  void accessTokenRevokedMidIteration_refreshesOnceRetriesAndPersistsTheRotation()
      throws Exception {
    String drive = fake.drives().userDrive(ALICE.objectId());
    String folder = createFolders(drive, "Many", 120);
    DriveItemCollectionResponse first =
        client
            .drives()
            .byDriveId(drive)
            .items()
            .byDriveItemId(folder)
            .children()
            .get(config -> config.queryParameters.top = 50);
    Secret refreshBefore = storedRefreshToken();
    long tokensBefore = tokenRequests();
    List<String> names = new ArrayList<>();
    forEachChild(
        client,
        first,
        child -> {
          if (names.size() == 10) {
            // Graph stops accepting the cached token while it is still valid for hours.
            revokeCurrentAccessToken();
          }
          names.add(child.getName());
        });

    assertThat(names).hasSize(120).doesNotHaveDuplicates();
    assertThat(unauthorizedGraphRequests()).isEqualTo(1);
    assertThat(tokenRequests() - tokensBefore).isEqualTo(1);
    assertThat(storedRefreshToken()).isNotEqualTo(refreshBefore);
    assertThat(store.read(key).orElseThrow().status()).isEqualTo(IntegrationStatus.CONNECTED);
  }

  @Test
  void accessTokenExpired_isRefreshedBeforeTheRequestWithoutA401() {
    clock.advance(Duration.ofHours(2));
    long tokensBefore = tokenRequests();

    assertThat(client.me().get().getId()).isEqualTo(ALICE.objectId());

    assertThat(tokenRequests() - tokensBefore).isEqualTo(1);
    assertThat(unauthorizedGraphRequests()).isZero();
  }

  @Test
  void refreshTokenRevoked_failsWithTheTypedExceptionAndMarksTheIntegration() {
    fake.identity().revokeRefreshTokens(ALICE);
    revokeCurrentAccessToken();

    Throwable thrown = catchThrowable(() -> client.me().get());

    assertThat(thrown).isExactlyInstanceOf(ReauthorizationRequiredException.class);
    assertThat(((ReauthorizationRequiredException) thrown).integration()).isEqualTo(key);
    assertThat(store.read(key).orElseThrow().status())
        .isEqualTo(IntegrationStatus.NEEDS_REAUTHORIZATION);
    assertThat(unauthorizedGraphRequests()).isEqualTo(1);
  }

  @Test
  void integrationNeedingReauthorization_failsTypedBeforeAnyGraphRequest() {
    fake.identity().revokeRefreshTokens(ALICE);
    clock.advance(Duration.ofHours(2));
    assertThat(catchThrowable(() -> client.me().get()))
        .isExactlyInstanceOf(ReauthorizationRequiredException.class);
    long graphRequests = fake.journal().count("*", "/v1.0/**");
    long tokensBefore = tokenRequests();

    Throwable again = catchThrowable(() -> client.me().drive().get());

    assertThat(again).isExactlyInstanceOf(ReauthorizationRequiredException.class);
    assertThat(fake.journal().count("*", "/v1.0/**")).isEqualTo(graphRequests).isZero();
    assertThat(tokenRequests()).isEqualTo(tokensBefore);
  }

  @Test
  void tokenRefusedAgainAfterTheRetry_reachesTheCallerAs401WithoutASecondRefresh() {
    // Graph refuses every token it is sent: the interceptor refreshes once, retries once, and
    // hands the second 401 to the SDK. The SDK's middleware, then the interceptor, then a test
    // interceptor that revokes each token on its way to the fake.
    OkHttpClient refusingEveryToken =
        GraphClientFactory.create(new GraphClientOption())
            .addInterceptor(
                new InvalidTokenRetryInterceptor(alice, oneDrive.config().graphEndpoint()))
            .addInterceptor(
                chain -> {
                  Request request = chain.request();
                  String authorization = request.header("Authorization");
                  if (authorization != null) {
                    fake.identity().revokeAccessToken(authorization.substring("Bearer ".length()));
                  }
                  return chain.proceed(request);
                })
            .build();
    GraphServiceClient refused =
        new GraphServiceClient(
            new BaseBearerTokenAuthenticationProvider(
                new IntegrationAccessTokenProvider(alice, oneDrive.config().graphEndpoint())),
            refusingEveryToken);
    refused.getRequestAdapter().setBaseUrl(fake.graphBaseUrl());
    long tokensBefore = tokenRequests();

    Throwable thrown = catchThrowable(() -> refused.me().get());

    assertThat(thrown).isInstanceOf(ODataError.class);
    assertThat(((ODataError) thrown).getResponseStatusCode()).isEqualTo(401);
    assertThat(((ODataError) thrown).getError().getCode()).isEqualTo("InvalidAuthenticationToken");
    assertThat(fake.journal().count("GET", "/v1.0/me")).isEqualTo(2);
    assertThat(tokenRequests() - tokensBefore).isEqualTo(1);
  }

  @Test
  void unauthorizedWithAnotherErrorCode_isNotRetried() {
    fake.faults().add(FaultRule.on("GET", "/v1.0/me").times(1).error(401));
    long tokensBefore = tokenRequests();

    Throwable thrown = catchThrowable(() -> client.me().get());

    assertThat(thrown).isInstanceOf(ODataError.class);
    assertThat(((ODataError) thrown).getResponseStatusCode()).isEqualTo(401);
    assertThat(fake.journal().count("GET", "/v1.0/me")).isEqualTo(1);
    assertThat(tokenRequests()).isEqualTo(tokensBefore);
  }

  @Test
  void plainOkHttpClientWithTheInterceptor_retriesWithTheNewToken() throws Exception {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                new InvalidTokenRetryInterceptor(alice, oneDrive.config().graphEndpoint()))
            .build();
    String revoked = alice.accessToken().token().reveal();
    fake.identity().revokeAccessToken(revoked);
    Request me =
        new Request.Builder()
            .url(fake.graphBaseUrl() + "/me")
            .header("Authorization", "Bearer " + revoked)
            .build();

    try (Response response = http.newCall(me).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(Objects.requireNonNull(response.body()).string()).contains(ALICE.objectId());
    }
    assertThat(alice.accessToken().token().reveal()).isNotEqualTo(revoked);
  }
}
