package io.github.docuelevate.onedrive.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * Runs the fake standalone, for test suites outside the JVM:
 *
 * <pre>
 * java -jar onedrive-testkit-&lt;version&gt;-standalone.jar [--port 8080] [--https]
 *     [--tls-name NAME]... [--keystore FILE --keystore-password PW] [--ca-out FILE]
 *     [--no-content]
 * </pre>
 *
 * It seeds the default apps and users, prints the URLs and credentials, and serves until stopped
 * (Ctrl-C). The control API lives under {@code /_testkit/}. {@code --help} prints {@link #USAGE}.
 */
public final class FakeMicrosoftMain {
  /** The password of the trust store written in HTTPS mode. */
  public static final String TRUST_STORE_PASSWORD = "changeit";

  /** What {@code --help} prints. */
  public static final String USAGE =
      String.join(
          System.lineSeparator(),
          "usage: java -jar onedrive-testkit-standalone.jar [options]",
          "",
          "A fake Microsoft identity platform and Graph drive API on one port.",
          "",
          "  --port N                 listen on port N (default 8080, 0 for a free port; below 1024",
          "                           where the process may bind it, e.g. as root)",
          "  --https                  serve HTTPS with a generated certificate for localhost,",
          "                           127.0.0.1 and ::1",
          "  --tls-name NAME          also name NAME in the generated certificate (repeatable;",
          "                           implies --https): a Docker service name, or a production",
          "                           host name pointed at the fake by a hosts-file entry",
          "  --keystore FILE          serve HTTPS with the first key of FILE (PKCS#12 or JKS)",
          "                           instead of a generated certificate (implies --https)",
          "  --keystore-password PW   the password of --keystore (default: empty)",
          "  --ca-out FILE            write the certificate clients must trust (PEM) to FILE",
          "  --no-content             keep only the size and hashes of files, not their bytes",
          "                           (for load tests; downloads then answer 501)",
          "  -h, --help               print this help and exit",
          "",
          "The control API lives under /_testkit/ (GET /_testkit/info).",
          "");

  /** The parsed command line. */
  record Options(
      boolean help,
      int port,
      boolean https,
      List<String> tlsNames,
      @Nullable Path keyStore,
      String keyStorePassword,
      @Nullable Path caOut,
      boolean keepContent) {

    /** Leaves the key store password out. */
    @Override
    public String toString() {
      return "Options[port="
          + port
          + ", https="
          + https
          + ", tlsNames="
          + tlsNames
          + ", keyStore="
          + keyStore
          + ", caOut="
          + caOut
          + ", keepContent="
          + keepContent
          + "]";
    }

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException for unknown or malformed arguments
     */
    static Options parse(String[] args) {
      int port = 8080;
      boolean https = false;
      boolean help = false;
      List<String> tlsNames = new ArrayList<>();
      Path keyStore = null;
      String password = "";
      Path caOut = null;
      boolean keepContent = true;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "-h", "--help" -> help = true;
          case "--https" -> https = true;
          case "--no-content" -> keepContent = false;
          case "--port" -> {
            String value = value(args, ++i, arg);
            try {
              port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--port needs a number, got " + value);
            }
            if (port < 0 || port > 65535) {
              throw new IllegalArgumentException("--port out of range: " + port);
            }
          }
          case "--tls-name" -> {
            tlsNames.add(value(args, ++i, arg));
            https = true;
          }
          case "--keystore" -> {
            keyStore = Path.of(value(args, ++i, arg));
            https = true;
          }
          case "--keystore-password" -> password = value(args, ++i, arg);
          case "--ca-out" -> caOut = Path.of(value(args, ++i, arg));
          default -> throw new IllegalArgumentException("unknown argument: " + arg);
        }
      }
      if (keyStore != null && !tlsNames.isEmpty()) {
        throw new IllegalArgumentException(
            "--tls-name adds names to the generated certificate; with --keystore the brought"
                + " certificate names the hosts");
      }
      if (caOut != null && !https) {
        throw new IllegalArgumentException("--ca-out needs --https");
      }
      return new Options(
          help, port, https, List.copyOf(tlsNames), keyStore, password, caOut, keepContent);
    }

    private static String value(String[] args, int index, String option) {
      if (index >= args.length || args[index].startsWith("--")) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[index];
    }
  }

  private FakeMicrosoftMain() {}

  /**
   * Starts the fake and serves until the JVM stops.
   *
   * @param args see {@link #USAGE}
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    // The jar bundles no logging backend; SLF4J's notice about that would only confuse the output.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    FakeMicrosoft fake;
    try {
      Options options = Options.parse(args);
      if (options.help()) {
        System.out.print(USAGE);
        System.out.flush();
        return;
      }
      fake = start(options, System.out);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println(e.getMessage());
      System.err.print(USAGE);
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
   * @param args see {@link #USAGE}; {@code --help} is refused here (it starts nothing)
   * @param out where to print URLs and credentials
   * @return the running fake; the caller closes it
   * @throws IllegalArgumentException for unknown or malformed arguments, or {@code --help}
   */
  public static FakeMicrosoft start(String[] args, PrintStream out) {
    Options options = Options.parse(args);
    if (options.help()) {
      throw new IllegalArgumentException("--help starts no fake; see FakeMicrosoftMain.USAGE");
    }
    return start(options, out);
  }

  private static FakeMicrosoft start(Options options, PrintStream out) {
    FakeMicrosoft.Builder builder =
        FakeMicrosoft.builder()
            .port(options.port())
            .https(options.https())
            .keepContent(options.keepContent());
    options.tlsNames().forEach(builder::tlsName);
    Path keyStore = options.keyStore();
    if (keyStore != null) {
      builder.keyStore(keyStore, options.keyStorePassword().toCharArray());
    }
    FakeMicrosoft fake = builder.start();
    try {
      Path caOut = options.caOut();
      if (caOut != null) {
        fake.trust().writeCertificatePem(caOut);
      }
      print(fake, options, out);
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
    return fake;
  }

  private static void print(FakeMicrosoft fake, Options options, PrintStream out) {
    FakeClientSetup setup = fake.clientSetup();
    out.println("OneDrive testkit fake is running.");
    out.println("  Base URL:          " + fake.baseUrl());
    out.println("  Authority:         " + fake.authority("common"));
    out.println("  Token endpoint:    " + fake.baseUrl() + "/common/oauth2/v2.0/token");
    out.println("  Authorize:         " + fake.baseUrl() + "/common/oauth2/v2.0/authorize");
    out.println("  Graph base URL:    " + fake.graphBaseUrl());
    out.println("  Control API:       " + fake.baseUrl() + "/_testkit/info");
    if (!fake.keepsContent()) {
      out.println("  File contents:     not kept (--no-content): sizes and hashes only");
    }
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
        Path caOut = options.caOut();
        if (caOut != null) {
          out.println("  CA certificate:    " + caOut.toAbsolutePath());
        }
        if (!options.tlsNames().isEmpty()) {
          out.println("  TLS names:         " + String.join(", ", options.tlsNames()));
        }
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
