package io.github.docuelevate.onedrive.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the fake standalone, for test suites outside the JVM:
 *
 * <pre>
 * java -jar onedrive-testkit-&lt;version&gt;-standalone.jar [--port 8080] [--https]
 * </pre>
 *
 * It seeds the default apps and users, prints the URLs and credentials, and serves until stopped
 * (Ctrl-C). The control API lives under {@code /_testkit/}.
 */
public final class FakeMicrosoftMain {
  /** The password of the trust store written in HTTPS mode. */
  public static final String TRUST_STORE_PASSWORD = "changeit";

  private FakeMicrosoftMain() {}

  /**
   * Starts the fake and serves until the JVM stops.
   *
   * @param args {@code --port N} (default 8080, 0 for a free port), {@code --https}
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    // The jar bundles no logging backend; SLF4J's notice about that would only confuse the output.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    FakeMicrosoft fake;
    try {
      fake = start(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: java -jar onedrive-testkit-standalone.jar [--port N] [--https]");
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  fake.close();
                  stopped.countDown();
                },
                "onedrive-fake-shutdown"));
    stopped.await();
  }

  /**
   * Parses the arguments, starts the fake and prints how to reach it.
   *
   * @param args {@code --port N}, {@code --https}
   * @param out where to print URLs and credentials
   * @return the running fake; the caller closes it
   * @throws IllegalArgumentException for unknown or malformed arguments
   */
  public static FakeMicrosoft start(String[] args, PrintStream out) {
    int port = 8080;
    boolean https = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--https" -> https = true;
        case "--port" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--port needs a number");
          }
          try {
            port = Integer.parseInt(args[++i]);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, got " + args[i]);
          }
        }
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    FakeMicrosoft fake = FakeMicrosoft.builder().port(port).https(https).start();
    try {
      print(fake, out);
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
    return fake;
  }

  private static void print(FakeMicrosoft fake, PrintStream out) {
    FakeClientSetup setup = fake.clientSetup();
    out.println("OneDrive testkit fake is running.");
    out.println("  Base URL:          " + fake.baseUrl());
    out.println("  Authority:         " + fake.authority("common"));
    out.println("  Token endpoint:    " + fake.baseUrl() + "/common/oauth2/v2.0/token");
    out.println("  Authorize:         " + fake.baseUrl() + "/common/oauth2/v2.0/authorize");
    out.println("  Graph base URL:    " + fake.graphBaseUrl());
    out.println("  Control API:       " + fake.baseUrl() + "/_testkit/info");
    out.println("  Confidential app:  client id " + setup.clientId());
    out.println("                     client secret " + setup.clientSecret().reveal());
    out.println("  Public client app: client id " + setup.publicClientId());
    out.println("  Redirect URI:      " + setup.redirectUri());
    out.println("  Personal user:     " + describe(setup.personalUser()));
    out.println("  Work user:         " + describe(setup.workUser()));
    if (fake.https()) {
      try {
        Path dir = Files.createTempDirectory("onedrive-fake-trust-");
        Path pem = fake.trust().writeCertificatePem(dir.resolve("onedrive-fake.pem"));
        Path p12 =
            fake.trust()
                .writeTrustStore(
                    dir.resolve("onedrive-fake-truststore.p12"),
                    TRUST_STORE_PASSWORD.toCharArray());
        out.println("  Certificate (PEM): " + pem);
        out.println(
            "  Trust store:       " + p12 + " (PKCS12, password " + TRUST_STORE_PASSWORD + ")");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the trust material", e);
      }
    }
    out.println("Stop with Ctrl-C.");
    out.flush();
  }

  private static String describe(FakeUser user) {
    return user.userPrincipalName()
        + " (object id "
        + user.objectId()
        + ", tenant "
        + user.tenantId()
        + ")";
  }
}
