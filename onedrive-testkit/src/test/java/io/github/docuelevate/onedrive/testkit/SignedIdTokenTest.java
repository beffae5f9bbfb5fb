package io.github.docuelevate.onedrive.testkit;

import static io.github.docuelevate.onedrive.testkit.TestHttp.json;
import static io.github.docuelevate.onedrive.testkit.TestHttp.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.PublicClientApplication;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Id tokens are RS256-signed with the key the tenant's OpenID configuration points to. */
class SignedIdTokenTest {
  private static final FakeUser BOB = FakeMicrosoft.DEFAULT_WORK_USER;
  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

  private FakeMicrosoft fake;
  private TestHttp http;

  @BeforeEach
  void start() {
    fake = FakeMicrosoft.builder().start();
    http = new TestHttp(fake);
    fake.identity().approveDeviceCodesAs(BOB);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private String idToken(String tenant) {
    String deviceCode =
        json(http.postForm(
                "/" + tenant + "/oauth2/v2.0/devicecode",
                map(
                    "client_id",
                    FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId(),
                    "scope",
                    "Files.Read openid profile")))
            .path("device_code")
            .asText();
    HttpResponse<String> tokens =
        http.postForm(
            "/" + tenant + "/oauth2/v2.0/token",
            map(
                "grant_type",
                "urn:ietf:params:oauth:grant-type:device_code",
                "client_id",
                FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId(),
                "device_code",
                deviceCode));
    return json(tokens).path("id_token").asText();
  }

  private static JsonNode part(String jwt, int index) throws Exception {
    return TestHttp.JSON.readTree(B64URL.decode(jwt.split("\\.")[index]));
  }

  private static boolean verifies(String jwt, PublicKey key) throws Exception {
    String[] parts = jwt.split("\\.");
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initVerify(key);
    signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    return signature.verify(B64URL.decode(parts[2]));
  }

  private static PublicKey rsaKey(JsonNode jwk) throws Exception {
    return KeyFactory.getInstance("RSA")
        .generatePublic(
            new RSAPublicKeySpec(
                new BigInteger(1, B64URL.decode(jwk.path("n").asText())),
                new BigInteger(1, B64URL.decode(jwk.path("e").asText()))));
  }

  @Test
  void idToken_verifiesAgainstTheKeyTheOpenIdConfigurationPublishes() throws Exception {
    String tenantId = BOB.tenantId();
    JsonNode config = json(http.get("/" + BOB.domain() + "/v2.0/.well-known/openid-configuration"));
    String jwksUri = config.path("jwks_uri").asText();
    JsonNode keys = json(http.get(jwksUri.substring(fake.baseUrl().length())));
    String token = idToken("organizations");
    JsonNode header = part(token, 0);
    JsonNode jwk = keys.path("keys").get(0);

    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(header.path("kid").asText()).isEqualTo(jwk.path("kid").asText());
    assertThat(jwk.path("kty").asText()).isEqualTo("RSA");
    assertThat(jwk.path("use").asText()).isEqualTo("sig");
    assertThat(verifies(token, rsaKey(jwk))).isTrue();
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        Base64.getDecoder().decode(jwk.path("x5c").get(0).asText())));
    assertThat(verifies(token, certificate.getPublicKey())).isTrue();
    assertThat(part(token, 1).path("iss").asText()).isEqualTo(config.path("issuer").asText());
    assertThat(config.path("issuer").asText()).isEqualTo(fake.baseUrl() + "/" + tenantId + "/v2.0");
    assertThat(jwksUri).isEqualTo(fake.baseUrl() + "/" + tenantId + "/discovery/v2.0/keys");
  }

  @Test
  void idToken_withAChangedClaim_failsVerification() throws Exception {
    String token = idToken("common");
    JsonNode jwk = json(http.get("/common/discovery/v2.0/keys")).path("keys").get(0);
    String[] parts = token.split("\\.");
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    new String(B64URL.decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(BOB.objectId(), "00000000-0000-0000-0000-000000000000")
                        .getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    assertThat(verifies(token, rsaKey(jwk))).isTrue();
    assertThat(verifies(forged, rsaKey(jwk))).isFalse();
  }

  @Test
  void openIdConfiguration_isShapedPerTenantAsMicrosoftsIs() {
    JsonNode common = json(http.get("/common/v2.0/.well-known/openid-configuration"));
    JsonNode consumers = json(http.get("/consumers/v2.0/.well-known/openid-configuration"));

    assertThat(common.path("issuer").asText()).isEqualTo(fake.baseUrl() + "/{tenantid}/v2.0");
    assertThat(common.path("authorization_endpoint").asText())
        .isEqualTo(fake.baseUrl() + "/common/oauth2/v2.0/authorize");
    assertThat(common.path("token_endpoint").asText())
        .isEqualTo(fake.baseUrl() + "/common/oauth2/v2.0/token");
    assertThat(common.path("device_authorization_endpoint").asText())
        .isEqualTo(fake.baseUrl() + "/common/oauth2/v2.0/devicecode");
    assertThat(common.path("jwks_uri").asText())
        .isEqualTo(fake.baseUrl() + "/common/discovery/v2.0/keys");
    assertThat(common.path("id_token_signing_alg_values_supported").toString())
        .isEqualTo("[\"RS256\"]");
    assertThat(consumers.path("issuer").asText())
        .isEqualTo(fake.baseUrl() + "/" + FakeUser.PERSONAL_TENANT_ID + "/v2.0");
  }

  @Test
  void msal4j_acceptsTheSignedIdToken() throws Exception {
    fake.identity().deviceCodeInterval(Duration.ZERO);
    PublicClientApplication app =
        PublicClientApplication.builder(FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId())
            .authority(FakeMicrosoft.productionAuthority("organizations"))
            .instanceDiscovery(false)
            .httpClient(fake.msalHttpClient())
            .build();

    IAuthenticationResult result =
        app.acquireToken(
                DeviceCodeFlowParameters.builder(
                        Set.of("https://graph.microsoft.com/Files.Read"), code -> {})
                    .build())
            .get(20, TimeUnit.SECONDS);

    assertThat(part(result.idToken(), 0).path("alg").asText()).isEqualTo("RS256");
    assertThat(result.account().username()).isEqualTo(BOB.userPrincipalName());
    assertThat(result.account().homeAccountId()).startsWith(BOB.objectId());
  }
}
