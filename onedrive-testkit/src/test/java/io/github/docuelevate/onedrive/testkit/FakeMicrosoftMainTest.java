package io.github.docuelevate.onedrive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.docuelevate.onedrive.testkit.internal.tls.SelfSignedCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone entry point, started in-process. */
class FakeMicrosoftMainTest {
  private static String printedValue(String output, String label) {
    Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+(\\S+)").matcher(output);
    assertThat(m.find()).as("'%s' in %s", label, output).isTrue();
    return m.group(1);
  }

  @Test
  void start_onAFreePort_printsUrlsThatAnswer() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (FakeMicrosoft fake =
        FakeMicrosoftMain.start(
            new String[] {"--port", "0"}, new PrintStream(out, true, StandardCharsets.UTF_8))) {
      String output = out.toString(StandardCharsets.UTF_8);
      String baseUrl = printedValue(output, "Base URL:");

      assertThat(baseUrl).isEqualTo(fake.baseUrl());
      assertThat(output)
          .contains(FakeMicrosoft.DEFAULT_APP.clientId())
          .contains(FakeMicrosoft.DEFAULT_CLIENT_SECRET)
          .contains(FakeMicrosoft.DEFAULT_WORK_USER.userPrincipalName());
      assertThat(new TestHttp(baseUrl, null).get("/_testkit/info").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void noContent_startsAFakeThatKeepsSizesAndHashesOnly() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (FakeMicrosoft fake =
        FakeMicrosoftMain.start(
            new String[] {"--port", "0", "--no-content"},
            new PrintStream(out, true, StandardCharsets.UTF_8))) {
      assertThat(fake.keepsContent()).isFalse();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("not kept (--no-content)");
      assertThat(new TestHttp(fake.baseUrl(), null).get("/_testkit/info").body())
          .contains("\"keepsContent\":false");
    }
    try (FakeMicrosoft fake = FakeMicrosoftMain.start(new String[] {"--port", "0"}, sink())) {
      assertThat(fake.keepsContent()).isTrue();
    }
  }

  @Test
  void start_withHttps_writesATrustStoreThatTrustsTheFake() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (FakeMicrosoft fake =
        FakeMicrosoftMain.start(
            new String[] {"--https", "--port", "0"},
            new PrintStream(out, true, StandardCharsets.UTF_8))) {
      String output = out.toString(StandardCharsets.UTF_8);
      Path trustStore = Path.of(printedValue(output, "Trust store:"));
      Path pem = Path.of(printedValue(output, "Certificate (PEM):"));
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(trustStore)) {
        store.load(in, FakeMicrosoftMain.TRUST_STORE_PASSWORD.toCharArray());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);

      assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");
      assertThat(new TestHttp(fake.baseUrl(), ssl).get("/_testkit/info").statusCode())
          .isEqualTo(200);
      String localhost = "https://localhost:" + fake.port();
      assertThat(new TestHttp(localhost, ssl).get("/_testkit/info").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void badArguments_areRefused() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> FakeMicrosoftMain.start(new String[] {"--port"}, sink))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeMicrosoftMain.start(new String[] {"--port", "x"}, sink))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeMicrosoftMain.start(new String[] {"--verbose"}, sink))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static PrintStream sink() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  private static SSLContext trusting(Path pem) throws Exception {
    X509Certificate certificate;
    try (InputStream in = Files.newInputStream(pem)) {
      certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }

  /**
   * One HTTPS GET to the fake's loopback port as a client that reached it under {@code hostName}
   * (as through a hosts-file entry): SNI, the certificate's host name check and {@code Host} all
   * use that name. Returns the head and body as text.
   */
  private static String getAs(
      SSLContext ssl, String hostName, int port, String pathAndQuery, String bearer)
      throws Exception {
    try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
        SSLSocket socket =
            (SSLSocket) ssl.getSocketFactory().createSocket(plain, hostName, port, true)) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      parameters.setServerNames(List.of(new SNIHostName(hostName)));
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(20_000);
      String request =
          "GET "
              + pathAndQuery
              + " HTTP/1.1\r\nHost: "
              + hostName
              + ":"
              + port
              + "\r\n"
              + (bearer.isEmpty() ? "" : "Authorization: Bearer " + bearer + "\r\n")
              + "Connection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void help_printsUsageAndExitsZero() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FakeMicrosoftMain.class.getName(),
                "--help")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(output)
        .contains("usage:")
        .contains("--tls-name NAME")
        .contains("--keystore FILE")
        .contains("--ca-out FILE");
    assertThatThrownBy(() -> FakeMicrosoftMain.start(new String[] {"--help"}, sink()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tlsName_servesTheFakeAndItsPreAuthenticatedUrlsUnderThatName(@TempDir Path dir)
      throws Exception {
    Path ca = dir.resolve("ca.pem");
    try (FakeMicrosoft fake =
        FakeMicrosoftMain.start(
            new String[] {
              "--tls-name",
              "onedrive.fake.test",
              "--tls-name",
              "fake",
              "--port",
              "0",
              "--ca-out",
              ca.toString()
            },
            sink())) {
      FakeUser bob = FakeMicrosoft.DEFAULT_WORK_USER;
      fake.drives()
          .putFile(
              fake.drives().userDrive(bob.objectId()),
              "a.txt",
              "hello".getBytes(StandardCharsets.UTF_8));
      String token = TestHttp.delegatedToken(fake, bob, "Files.Read");
      SSLContext ssl = trusting(ca);

      String redirect =
          getAs(
              ssl, "onedrive.fake.test", fake.port(), "/v1.0/me/drive/root:/a.txt:/content", token);
      Matcher location =
          Pattern.compile("(?i)location: https://onedrive\\.fake\\.test:" + fake.port() + "(\\S+)")
              .matcher(redirect);
      assertThat(location.find()).as(redirect).isTrue();
      String download = getAs(ssl, "onedrive.fake.test", fake.port(), location.group(1), "");
      String info = getAs(ssl, "fake", fake.port(), "/_testkit/info", "");

      assertThat(fake.https()).isTrue();
      assertThat(redirect).startsWith("HTTP/1.1 302");
      assertThat(download).startsWith("HTTP/1.1 200").endsWith("hello");
      assertThat(info).startsWith("HTTP/1.1 200");
      assertThat(new TestHttp(fake.baseUrl(), ssl).get("/_testkit/info").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void keystore_servesTheBroughtCertificate(@TempDir Path dir) throws Exception {
    KeyPair keys = SelfSignedCertificates.rsaKeyPair();
    X509Certificate brought =
        SelfSignedCertificates.create(
            keys,
            "brought",
            List.of("brought.test"),
            List.of(InetAddress.getLoopbackAddress()),
            Instant.now().minus(Duration.ofHours(1)),
            Duration.ofDays(2));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "server", keys.getPrivate(), "s3cret".toCharArray(), new X509Certificate[] {brought});
    Path file = dir.resolve("server.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, "s3cret".toCharArray());
    }
    Path ca = dir.resolve("ca.pem");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    try (FakeMicrosoft fake =
        FakeMicrosoftMain.start(
            new String[] {
              "--keystore",
              file.toString(),
              "--keystore-password",
              "s3cret",
              "--port",
              "0",
              "--ca-out",
              ca.toString()
            },
            new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      HttpResponse<String> info = new TestHttp(fake.baseUrl(), trusting(ca)).get("/_testkit/info");

      assertThat(fake.trust().certificate()).isEqualTo(brought);
      assertThat(info.statusCode()).isEqualTo(200);
      assertThat(info.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(brought);
      assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("s3cret");
    }
    assertThatThrownBy(
            () ->
                FakeMicrosoftMain.start(
                    new String[] {
                      "--keystore", file.toString(), "--keystore-password", "not-it-42"
                    },
                    sink()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("not-it-42");
  }

  @Test
  void portBelow1024_bindsWhereTheProcessMay() throws Exception {
    int port = -1;
    for (int candidate = 1000; candidate > 900 && port < 0; candidate--) {
      try (ServerSocket probe = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
        port = candidate;
      } catch (IOException e) {
        // taken, or the process may not bind low ports
      }
    }
    assumeTrue(port > 0, "this process may not bind a port below 1024");

    try (FakeMicrosoft fake =
        FakeMicrosoftMain.start(new String[] {"--port", Integer.toString(port)}, sink())) {
      assertThat(fake.port()).isEqualTo(port);
      assertThat(new TestHttp(fake.baseUrl(), null).get("/_testkit/info").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void tlsOptions_areCheckedTogether() {
    assertThatThrownBy(() -> FakeMicrosoftMain.start(new String[] {"--ca-out", "x.pem"}, sink()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--https");
    assertThatThrownBy(
            () ->
                FakeMicrosoftMain.start(
                    new String[] {"--keystore", "a.p12", "--tls-name", "b"}, sink()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--tls-name");
    assertThatThrownBy(() -> FakeMicrosoftMain.start(new String[] {"--tls-name"}, sink()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
