package io.github.docuelevate.onedrive.graphsdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allowed host and base URL come from the configured Graph endpoint, e.g. a national cloud. */
class NationalCloudTest extends FakeGraphTestBase {
  private static final URI US_GOVERNMENT = URI.create("https://graph.microsoft.us");

  @Test
  void usGovernmentEndpoint_clientsAddressItAndOnlyItGetsTheToken() {
    OneDriveIntegration alice = authorize(ALICE, new IntegrationKey("alice", "personal"));
    OneDriveGraphClients usGraph =
        OneDriveGraphClients.builder(
                oneDrive.config().toBuilder().graphEndpoint(US_GOVERNMENT).build())
            .build();
    IntegrationAccessTokenProvider tokens =
        new IntegrationAccessTokenProvider(alice, US_GOVERNMENT);

    assertThat(usGraph.graphBaseUrl()).isEqualTo("https://graph.microsoft.us/v1.0");
    assertThat(usGraph.client(alice).getRequestAdapter().getBaseUrl())
        .isEqualTo("https://graph.microsoft.us/v1.0");
    assertThat(tokens.getAllowedHostsValidator().getAllowedHosts())
        .containsExactly("graph.microsoft.us");
    assertThat(tokens.getAuthorizationToken(URI.create("https://graph.microsoft.us/v1.0/me"), null))
        .isEqualTo(alice.accessToken().token().reveal());
    assertThat(
            tokens.getAuthorizationToken(
                URI.create("https://graph.microsoft.com/v1.0/me"), Map.of()))
        .isEmpty();
    assertThat(tokens.toString()).doesNotContain(alice.accessToken().token().reveal());
  }

  @Test
  void claimsChallenge_forcesANewToken() {
    OneDriveIntegration alice = authorize(ALICE, new IntegrationKey("alice", "personal"));
    IntegrationAccessTokenProvider tokens =
        new IntegrationAccessTokenProvider(alice, oneDrive.config().graphEndpoint());
    String cached = alice.accessToken().token().reveal();
    long tokensBefore = tokenRequests();

    String fresh =
        tokens.getAuthorizationToken(
            URI.create(fake.graphBaseUrl() + "/me"), Map.of("claims", "{\"access_token\":{}}"));

    assertThat(fresh).isNotEqualTo(cached).isEqualTo(alice.accessToken().token().reveal());
    assertThat(tokenRequests() - tokensBefore).isEqualTo(1);
  }
}
