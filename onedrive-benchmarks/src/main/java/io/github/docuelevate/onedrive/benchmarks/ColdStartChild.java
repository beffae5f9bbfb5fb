package io.github.docuelevate.onedrive.benchmarks;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.drive.ConflictBehavior;
import io.github.docuelevate.onedrive.drive.UploadOptions;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;

/**
 * The fresh JVM of the cold-start figure: gets an app-only token and uploads 1 MiB, once, then
 * prints how many classes it loaded. {@code library} does it through the library; {@code raw} posts
 * the client-credentials form and {@code PUT}s the bytes with {@code java.net.http}. Started by
 * {@link PerformanceFigures}, never by hand; it trusts the fake's certificate through the standard
 * {@code javax.net.ssl.trustStore} properties its parent sets.
 */
public final class ColdStartChild {
  /** Upload options of the children: replace what is there. */
  static final UploadOptions REPLACE =
      UploadOptions.builder().conflictBehavior(ConflictBehavior.REPLACE).build();

  private ColdStartChild() {}

  /**
   * The children's app-only configuration for the work user's drive on the fake at {@code base}.
   */
  static OneDriveConfig.Builder appOnly(
      String base, String tenant, String user, String clientId, String secret) {
    return OneDriveConfig.builder()
        .clientId(clientId)
        .clientSecret(secret)
        .tenant(tenant)
        .accountType(AccountType.APP_ONLY)
        .driveTarget(new DriveTarget.User(user))
        .graphEndpoint(URI.create(base));
  }

  /**
   * Runs one variant.
   *
   * @param args variant, fake base URL, tenant, user principal name, client id, client secret
   * @throws Exception if the upload fails
   */
  public static void main(String[] args) throws Exception {
    String variant = args[0];
    String base = args[1];
    String tenant = args[2];
    String user = args[3];
    String clientId = args[4];
    String secret = args[5];
    byte[] content = new byte[1024 * 1024];
    if (variant.equals("library")) {
      OneDriveConfig config =
          appOnly(base, tenant, user, clientId, secret).authorityHost(URI.create(base)).build();
      OneDrive.builder(config)
          .tokenStore(TokenStore.inMemory())
          .build()
          .systemIntegration()
          .uploads()
          .upload(UploadSource.of(content), "", "cold-library.bin", REPLACE);
    } else {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String token = ClientCredentialsToken.fetch(http, base, tenant, clientId, secret);
      int status =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              base + "/v1.0/users/" + user + "/drive/root:/cold-raw.bin:/content"))
                      .header("Authorization", "Bearer " + token)
                      .PUT(BodyPublishers.ofByteArray(content))
                      .build(),
                  BodyHandlers.discarding())
              .statusCode();
      if (status / 100 != 2) {
        throw new IllegalStateException("the raw upload answered HTTP " + status);
      }
    }
    System.out.println(
        "classes=" + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
  }
}
