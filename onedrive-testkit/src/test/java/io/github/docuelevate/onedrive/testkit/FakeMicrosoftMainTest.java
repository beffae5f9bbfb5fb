package io.github.docuelevate.onedrive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

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
}
