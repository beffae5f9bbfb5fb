package io.github.docuelevate.onedrive.testkit;

import com.microsoft.aad.msal4j.IHttpClient;
import io.github.docuelevate.onedrive.Secret;
import java.util.Objects;

/**
 * Everything a client under test needs to talk to a running fake with the default registration:
 * injected into test methods by {@link OneDriveFakeExtension}. {@link #toString()} never shows the
 * secret.
 *
 * @param baseUrl the fake's base URL
 * @param graphBaseUrl the Graph base URL ({@code .../v1.0})
 * @param authority the production authority for {@code common} (use it with {@link
 *     #msalHttpClient()})
 * @param tenant the tenant segment for delegated sign-ins, {@code common}
 * @param workTenantId the work user's tenant id (for app-only tokens)
 * @param clientId the confidential app's client id
 * @param clientSecret the confidential app's secret
 * @param publicClientId the public client app's id
 * @param redirectUri the redirect URI registered on both apps
 * @param personalUser a personal Microsoft account
 * @param workUser a work account
 * @param msalHttpClient the msal4j transport reaching the fake
 */
public record FakeClientSetup(
    String baseUrl,
    String graphBaseUrl,
    String authority,
    String tenant,
    String workTenantId,
    String clientId,
    Secret clientSecret,
    String publicClientId,
    String redirectUri,
    FakeUser personalUser,
    FakeUser workUser,
    IHttpClient msalHttpClient) {

  /** Checks that every component is present. */
  public FakeClientSetup {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(graphBaseUrl, "graphBaseUrl");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(workTenantId, "workTenantId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(publicClientId, "publicClientId");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(personalUser, "personalUser");
    Objects.requireNonNull(workUser, "workUser");
    Objects.requireNonNull(msalHttpClient, "msalHttpClient");
  }

  static FakeClientSetup of(FakeMicrosoft fake) {
    return new FakeClientSetup(
        fake.baseUrl(),
        fake.graphBaseUrl(),
        FakeMicrosoft.productionAuthority("common"),
        "common",
        FakeMicrosoft.DEFAULT_WORK_USER.tenantId(),
        FakeMicrosoft.DEFAULT_APP.clientId(),
        Secret.of(FakeMicrosoft.DEFAULT_CLIENT_SECRET),
        FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId(),
        FakeMicrosoft.DEFAULT_REDIRECT_URI,
        FakeMicrosoft.DEFAULT_PERSONAL_USER,
        FakeMicrosoft.DEFAULT_WORK_USER,
        fake.msalHttpClient());
  }

  @Override
  public String toString() {
    return "FakeClientSetup[baseUrl="
        + baseUrl
        + ", clientId="
        + clientId
        + ", clientSecret=redacted, tenant="
        + tenant
        + ", redirectUri="
        + redirectUri
        + "]";
  }
}
