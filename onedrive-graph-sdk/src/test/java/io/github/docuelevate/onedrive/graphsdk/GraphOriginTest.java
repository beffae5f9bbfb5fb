package io.github.docuelevate.onedrive.graphsdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which URIs get an integration's token: the configured Graph endpoint's origin only. */
class GraphOriginTest {

  @ParameterizedTest
  @CsvSource({
    "https://graph.microsoft.com, https://graph.microsoft.com/v1.0",
    "https://graph.microsoft.us/, https://graph.microsoft.us/v1.0",
    "https://dod-graph.microsoft.us, https://dod-graph.microsoft.us/v1.0",
    "https://microsoftgraph.chinacloudapi.cn, https://microsoftgraph.chinacloudapi.cn/v1.0",
    "http://127.0.0.1:41234, http://127.0.0.1:41234/v1.0"
  })
  void baseUrl_appendsTheApiVersionToTheEndpoint(String endpoint, String baseUrl) {
    assertThat(GraphOrigin.of(URI.create(endpoint)).baseUrl()).isEqualTo(baseUrl);
  }

  @ParameterizedTest
  @CsvSource({
    "https://graph.microsoft.us, https://graph.microsoft.us/v1.0/me, true",
    "https://graph.microsoft.us, https://GRAPH.microsoft.us:443/v1.0/me, true",
    "https://graph.microsoft.us, https://graph.microsoft.com/v1.0/me, false",
    "https://graph.microsoft.us, http://graph.microsoft.us/v1.0/me, false",
    "https://graph.microsoft.us, https://graph.microsoft.us:8443/v1.0/me, false",
    "https://graph.microsoft.com, https://contoso-my.sharepoint.com/upload/abc, false",
    "https://graph.microsoft.com, https://api.onedrive.com/rup/abc, false",
    // The testkit's fake: Graph on 127.0.0.1, pre-authenticated URLs on localhost.
    "http://127.0.0.1:41234, http://127.0.0.1:41234/v1.0/me, true",
    "http://127.0.0.1:41234, http://localhost:41234/graph-upload/abc, false",
    "http://127.0.0.1:41234, http://127.0.0.1:41235/v1.0/me, false"
  })
  void matches_onlyTheEndpointsSchemeHostAndPort(String endpoint, String uri, boolean matches) {
    assertThat(GraphOrigin.of(URI.create(endpoint)).matches(URI.create(uri))).isEqualTo(matches);
  }

  @Test
  void endpointWithoutHost_isRefused() {
    assertThatThrownBy(() -> GraphOrigin.of(URI.create("graph.microsoft.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("graphEndpoint");
  }
}
