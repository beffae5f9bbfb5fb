package io.github.docuelevate.onedrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs after every other test class of the suite (see {@code junit-platform.properties}) and looks
 * for every token, code and secret the fake issued or received in everything logged during the
 * suite and in the full text of every exception the tests provoked.
 */
@Order(Integer.MAX_VALUE)
class SecretLeakScanTest {

  @Test
  void suiteOutputAndExceptions_containNoTokenOrSecret() {
    LeakWatch.install();
    // The scan must be able to fail: a marker logged through SLF4J has to show up in the capture.
    String marker = "leak-scan-marker-" + System.nanoTime();
    LoggerFactory.getLogger(SecretLeakScanTest.class).info("{}", marker);
    String output = LeakWatch.output();
    assertThat(output).contains(marker);

    Set<String> secrets = LeakWatch.secrets();
    List<String> exceptions = LeakWatch.exceptions();
    assertThat(secrets)
        .as("the suite ran and saw tokens, codes and the client secret")
        .contains(FakeMicrosoft.DEFAULT_CLIENT_SECRET)
        .hasSizeGreaterThan(20);
    assertThat(exceptions).as("exceptions provoked by the suite").hasSizeGreaterThan(10);
    assertThat(output).contains("io.github.docuelevate.onedrive");

    List<String> leaks = new ArrayList<>();
    for (String secret : secrets) {
      if (output.contains(secret)) {
        leaks.add("log output contains a secret of length " + secret.length());
      }
      for (String exception : exceptions) {
        if (exception.contains(secret)) {
          leaks.add(
              "exception contains a secret of length "
                  + secret.length()
                  + ": "
                  + exception.replace(secret, "<SECRET>").lines().findFirst().orElse(""));
        }
      }
    }
    assertThat(leaks).isEmpty();
  }
}
