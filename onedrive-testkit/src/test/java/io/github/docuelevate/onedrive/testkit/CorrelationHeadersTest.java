package io.github.docuelevate.onedrive.testkit;

import static io.github.docuelevate.onedrive.testkit.TestHttp.json;
import static io.github.docuelevate.onedrive.testkit.TestHttp.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code client-request-id} and {@code request-id} on answers, as Graph and the platform send. */
class CorrelationHeadersTest {
  private static final String CORRELATION = "5b0bd2a1-8d5e-4c39-9b69-6a4c1d2e3f40";

  private FakeMicrosoft fake;
  private TestHttp http;

  @BeforeEach
  void start() {
    fake = FakeMicrosoft.builder().start();
    http = new TestHttp(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private String bobToken() {
    return TestHttp.delegatedToken(fake, FakeMicrosoft.DEFAULT_WORK_USER, "Files.ReadWrite");
  }

  @Test
  void tokenEndpoint_echoesClientRequestId_onSuccessAndError() {
    Map<String, String> form =
        map(
            "grant_type",
            "client_credentials",
            "client_id",
            FakeMicrosoft.DEFAULT_APP.clientId(),
            "client_secret",
            FakeMicrosoft.DEFAULT_CLIENT_SECRET,
            "scope",
            "https://graph.microsoft.com/.default");
    String tenant = "/" + FakeMicrosoft.DEFAULT_WORK_USER.tenantId() + "/oauth2/v2.0/token";

    HttpResponse<String> ok = http.postForm(tenant, form, Map.of("client-request-id", CORRELATION));
    HttpResponse<String> refused =
        http.postForm("/common/oauth2/v2.0/token", form, Map.of("client-request-id", CORRELATION));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("client-request-id")).hasValue(CORRELATION);
    assertThat(ok.headers().firstValue("x-ms-request-id")).isPresent();
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("client-request-id")).hasValue(CORRELATION);
    assertThat(json(refused).path("correlation_id").asText()).isEqualTo(CORRELATION);
  }

  @Test
  void graph_echoesClientRequestId_andTheErrorBodyCarriesTheHeadersIds() {
    HttpResponse<String> missing =
        http.send(
            HttpRequest.newBuilder(URI.create(fake.graphBaseUrl() + "/me/drive/items/no-such-item"))
                .header("Authorization", "Bearer " + bobToken())
                .header("client-request-id", CORRELATION)
                .build());

    assertThat(missing.statusCode()).isEqualTo(404);
    JsonNode inner = json(missing).path("error").path("innerError");
    assertThat(missing.headers().firstValue("client-request-id")).hasValue(CORRELATION);
    assertThat(inner.path("client-request-id").asText()).isEqualTo(CORRELATION);
    assertThat(inner.path("request-id").asText())
        .isEqualTo(missing.headers().firstValue("request-id").orElseThrow());
  }

  @Test
  void graph_withoutClientRequestId_answersItsRequestIdInBoth() {
    HttpResponse<String> drive = http.get("/v1.0/me/drive", bobToken());

    assertThat(drive.statusCode()).isEqualTo(200);
    assertThat(drive.headers().firstValue("client-request-id"))
        .isEqualTo(drive.headers().firstValue("request-id"))
        .isPresent();
  }

  @Test
  void msal4j_seesItsCorrelationIdEchoedOnEveryTokenCall() throws Exception {
    List<String[]> sentAndEchoed = new ArrayList<>();
    IHttpClient transport = fake.msalHttpClient();
    IHttpClient recording =
        request -> {
          IHttpResponse response = transport.send(request);
          List<String> echoed = response.headers().get("client-request-id");
          sentAndEchoed.add(
              new String[] {
                request.headers().get("client-request-id"),
                echoed == null || echoed.isEmpty() ? null : echoed.get(0)
              });
          return response;
        };
    ConfidentialClientApplication app =
        ConfidentialClientApplication.builder(
                FakeMicrosoft.DEFAULT_APP.clientId(),
                ClientCredentialFactory.createFromSecret(FakeMicrosoft.DEFAULT_CLIENT_SECRET))
            .authority(
                FakeMicrosoft.productionAuthority(FakeMicrosoft.DEFAULT_WORK_USER.tenantId()))
            .instanceDiscovery(false)
            .httpClient(recording)
            .build();

    app.acquireToken(
            ClientCredentialParameters.builder(Set.of("https://graph.microsoft.com/.default"))
                .build())
        .get();

    assertThat(sentAndEchoed).isNotEmpty();
    assertThat(sentAndEchoed)
        .allSatisfy(pair -> assertThat(pair[1]).isNotNull().isEqualTo(pair[0]));
  }
}
