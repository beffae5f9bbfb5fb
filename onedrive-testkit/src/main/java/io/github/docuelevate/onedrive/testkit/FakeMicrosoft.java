package io.github.docuelevate.onedrive.testkit;

import com.microsoft.aad.msal4j.IHttpClient;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.testkit.internal.control.ControlApi;
import io.github.docuelevate.onedrive.testkit.internal.faults.FaultEngine;
import io.github.docuelevate.onedrive.testkit.internal.graph.GraphFake;
import io.github.docuelevate.onedrive.testkit.internal.graph.UserDirectory;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeHttpServer;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeService;
import io.github.docuelevate.onedrive.testkit.internal.identity.IdentityPlatform;
import io.github.docuelevate.onedrive.testkit.internal.identity.RedirectingMsalHttpClient;
import io.github.docuelevate.onedrive.testkit.internal.journal.JournalRecorder;
import io.github.docuelevate.onedrive.testkit.internal.tls.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A fake Microsoft identity platform and Graph drive API on one loopback port, for tests.
 *
 * <pre>{@code
 * try (FakeMicrosoft fake = FakeMicrosoft.builder().build().start()) {
 *   ConfidentialClientApplication app =
 *       ConfidentialClientApplication.builder(
 *               FakeMicrosoft.DEFAULT_APP.clientId(),
 *               ClientCredentialFactory.createFromSecret(FakeMicrosoft.DEFAULT_CLIENT_SECRET))
 *           .authority(FakeMicrosoft.PRODUCTION_AUTHORITY_HOST + "/common/")
 *           .instanceDiscovery(false)
 *           .httpClient(fake.msalHttpClient())
 *           .build();
 * }
 * }</pre>
 *
 * <p>Unless {@link Builder#withoutDefaults()} is called, the fake holds {@link #DEFAULT_APP}
 * (confidential), {@link #DEFAULT_PUBLIC_APP}, {@link #DEFAULT_PERSONAL_USER} and {@link
 * #DEFAULT_WORK_USER}. Thread-safe.
 */
public final class FakeMicrosoft implements AutoCloseable {
  /**
   * The production identity platform host; msal4j keeps it when it uses {@link #msalHttpClient()}.
   */
  public static final String PRODUCTION_AUTHORITY_HOST = "https://login.microsoftonline.com";

  /** The client secret of {@link #DEFAULT_APP}. */
  public static final String DEFAULT_CLIENT_SECRET = "testkit-client-secret-value";

  /** The redirect URI registered on the default apps. */
  public static final String DEFAULT_REDIRECT_URI = "http://localhost:8400/onedrive/callback";

  /** A confidential app (secret {@link #DEFAULT_CLIENT_SECRET}), registered by default. */
  public static final FakeApp DEFAULT_APP =
      FakeApp.builder("6e2c0b1a-5f0e-4b7e-9a3c-0d1e2f3a4b5c")
          .displayName("Testkit confidential app")
          .secret(DEFAULT_CLIENT_SECRET)
          .redirectUri(DEFAULT_REDIRECT_URI)
          .applicationPermissions(List.of("Files.ReadWrite.All", "Sites.ReadWrite.All"))
          .build();

  /** A public client app (no secret), registered by default. */
  public static final FakeApp DEFAULT_PUBLIC_APP =
      FakeApp.builder("7f3d1c2b-6a1f-4c8f-8b4d-1e2f3a4b5c6d")
          .displayName("Testkit public app")
          .redirectUri(DEFAULT_REDIRECT_URI, "http://localhost")
          .build();

  /** A personal Microsoft account, registered by default. */
  public static final FakeUser DEFAULT_PERSONAL_USER =
      FakeUser.personal("alice@outlook.com", "Alice Personal");

  /** A work account in tenant {@code contoso.onmicrosoft.com}, registered by default. */
  public static final FakeUser DEFAULT_WORK_USER =
      FakeUser.work("bob@contoso.onmicrosoft.com", "Bob Work");

  private final FakeHttpServer server;
  private final IdentityPlatform identityPlatform;
  private final FakeIdentity identity;
  private final GraphFake graph;
  private final FaultEngine faultEngine;
  private final Faults faults;
  private final JournalRecorder journalRecorder;
  private final RequestJournal journal;
  private final List<FakeService> services = new ArrayList<>();
  private final @Nullable TlsMaterial tls;
  private final Clock clock;
  private final IHttpClient msalHttpClient;
  private final Path contentDirectory;
  private final boolean ownsContentDirectory;

  private FakeMicrosoft(Builder builder) {
    this.clock = builder.clock;
    this.tls = builder.tls();
    this.server = new FakeHttpServer(builder.port, tls == null ? null : tls.serverContext());
    List<FakeApp> apps = new ArrayList<>();
    List<FakeUser> users = new ArrayList<>();
    if (builder.defaults) {
      apps.add(DEFAULT_APP);
      apps.add(DEFAULT_PUBLIC_APP);
      users.add(DEFAULT_PERSONAL_USER);
      users.add(DEFAULT_WORK_USER);
    }
    apps.addAll(builder.apps);
    users.addAll(builder.users);
    this.identityPlatform = new IdentityPlatform(clock, apps, users);
    this.identity = new FakeIdentity(identityPlatform);
    Path content = builder.contentDirectory;
    this.ownsContentDirectory = content == null;
    try {
      this.contentDirectory =
          content == null ? Files.createTempDirectory("onedrive-fake-content-") : content;
    } catch (IOException e) {
      server.close();
      throw new UncheckedIOException("cannot create a content directory for the fake", e);
    }
    this.graph =
        new GraphFake(
            clock,
            identityPlatform,
            new UserDirectory() {
              @Override
              public Optional<String> objectId(String idOrUserPrincipalName) {
                return identityPlatform.user(idOrUserPrincipalName).map(FakeUser::objectId);
              }

              @Override
              public boolean personal(String objectId) {
                return identityPlatform
                    .user(objectId)
                    .map(u -> u.kind() == FakeUser.Kind.PERSONAL)
                    .orElse(false);
              }

              @Override
              public Optional<FakeUserProfile> profile(String objectId) {
                return identityPlatform.profile(objectId);
              }

              @Override
              public Optional<String> tenantId(String objectId) {
                return identityPlatform.user(objectId).map(FakeUser::tenantId);
              }
            },
            contentDirectory,
            builder.keepContent);
    this.journalRecorder =
        new JournalRecorder(clock, builder.journalCapacity, GraphFake.PRE_AUTHENTICATED_PREFIXES);
    this.journal = new RequestJournal(journalRecorder);
    this.faultEngine = new FaultEngine(clock);
    this.faults = new Faults(faultEngine, identity, graph.drives()::expireUploadSession);
    server.intercept(journalRecorder);
    server.intercept(faultEngine);
    services.add(identityPlatform);
    services.add(graph);
    for (FakeService service : services) {
      service.register(server);
    }
    new ControlApi(this::reset, faultEngine, journalRecorder, identityPlatform, clock, this::info)
        .register(server);
    this.msalHttpClient =
        new RedirectingMsalHttpClient(
            URI.create(server.baseUrl()), tls == null ? null : tls.clientContext());
  }

  /**
   * Starts configuring a fake.
   *
   * @return a builder: a free port, plain HTTP, the system clock, the default apps and users
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts serving.
   *
   * @return this fake
   */
  public FakeMicrosoft start() {
    server.start();
    return this;
  }

  /** Returns the base URL, e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
  public String baseUrl() {
    return server.baseUrl();
  }

  /** Returns the bound port. */
  public int port() {
    return server.port();
  }

  /**
   * Returns the fake's own authority URL for a tenant, e.g. {@code http://127.0.0.1:41234/common/};
   * for clients other than msal4j (msal4j needs https, see {@link #msalHttpClient()}).
   *
   * @param tenant {@code common}, {@code organizations}, {@code consumers}, a tenant id or domain
   * @return the authority URL with a trailing slash
   */
  public String authority(String tenant) {
    return baseUrl() + "/" + tenant + "/";
  }

  /**
   * Returns the production authority for a tenant, {@code
   * https://login.microsoftonline.com/{tenant}/}, to use together with {@link #msalHttpClient()}.
   *
   * @param tenant the tenant segment
   * @return the authority URL with a trailing slash
   */
  public static String productionAuthority(String tenant) {
    return PRODUCTION_AUTHORITY_HOST + "/" + tenant + "/";
  }

  /** Returns the Graph base URL, e.g. {@code http://127.0.0.1:41234/v1.0}. */
  public String graphBaseUrl() {
    return baseUrl() + "/v1.0";
  }

  /** Returns the clock the fake reads. */
  public Clock clock() {
    return clock;
  }

  /** Adds a route (this package's tests register trivial routes to inject faults into). */
  void route(String prefix, io.github.docuelevate.onedrive.testkit.internal.http.Handler handler) {
    server.route(prefix, handler);
  }

  /**
   * Returns the identity platform itself (for the Graph fake's wiring and this package's tests).
   */
  IdentityPlatform identityPlatform() {
    return identityPlatform;
  }

  /** Returns the identity platform's admin view. */
  public FakeIdentity identity() {
    return identity;
  }

  /**
   * Returns an msal4j transport that sends every request to this fake, whatever host msal4j
   * addresses: hand it to {@code .httpClient(...)} and keep the production authority ({@link
   * #productionAuthority(String)}) and {@code .instanceDiscovery(false)}. Over HTTPS it trusts the
   * fake's certificate.
   */
  public IHttpClient msalHttpClient() {
    return msalHttpClient;
  }

  /** Returns the Graph drive API's view: seed and inspect drives and files. */
  public FakeDrives drives() {
    return graph.drives();
  }

  /** Returns the fault rules in force; add rules to inject faults. */
  public Faults faults() {
    return faults;
  }

  /** Returns the journal of requests received (secrets masked). */
  public RequestJournal journal() {
    return journal;
  }

  /**
   * Returns a ready client configuration: the default confidential app's id, secret and redirect
   * URI, the default users and tenant, the Graph base URL and the msal4j transport.
   *
   * @return the setup
   */
  public FakeClientSetup clientSetup() {
    return FakeClientSetup.of(this);
  }

  /**
   * Returns a configuration builder for this library, pointed at this fake: the default
   * confidential app's client id and secret, tenant {@code common} and this fake's Graph endpoint.
   * The authority host stays the production one; {@link #transportOptions()} routes it here. Set
   * what the test needs on top (tenant, account type, drive target, folder path).
   *
   * <pre>{@code
   * OneDrive oneDrive =
   *     OneDrive.builder(fake.oneDriveConfig().tenant("consumers").build())
   *         .transport(fake.transportOptions())
   *         .build();
   * }</pre>
   *
   * @return a new builder
   */
  public OneDriveConfig.Builder oneDriveConfig() {
    return OneDriveConfig.builder()
        .clientId(DEFAULT_APP.clientId())
        .clientSecret(DEFAULT_CLIENT_SECRET)
        .tenant("common")
        .graphEndpoint(URI.create(baseUrl()));
  }

  /**
   * Returns transport options that send this library's identity-platform requests to a fake that
   * runs elsewhere, such as the standalone server ({@code java -jar ...-standalone.jar}), at its
   * base URL; Graph requests reach it through the configuration's {@code graphEndpoint}. For a fake
   * in this JVM, use {@link #transportOptions()}.
   *
   * @param baseUrl the fake's base URL, e.g. {@code http://127.0.0.1:8080}
   * @return options for {@code OneDrive.builder(...).transport(...)}
   */
  public static TransportOptions transportOptionsFor(URI baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    return TransportOptions.builder()
        .identityHttpClient(new RedirectingMsalHttpClient(baseUrl, null))
        .build();
  }

  /**
   * Returns transport options that reach this fake: the identity platform through {@link
   * #msalHttpClient()} and, for an HTTPS fake, Graph requests trusting its certificate.
   *
   * @return the options
   */
  public TransportOptions transportOptions() {
    TransportOptions.Builder options =
        TransportOptions.builder().identityHttpClient(msalHttpClient);
    if (https()) {
      options.sslContext(sslContext());
    }
    return options.build();
  }

  /**
   * Plays the user's browser: opens an authorization URL (as the library builds it for the
   * production host, or already pointing at this fake) on this fake, signs in whoever {@link
   * FakeIdentity#signInAs} chose, and returns the query parameters the fake redirected the browser
   * back with: {@code code} and {@code state}, or {@code error}, {@code error_description} and
   * {@code state}.
   *
   * @param authorizationUrl the URL to open
   * @return the callback's query parameters, decoded
   * @throws IllegalArgumentException if the URL is not an authorization URL of Microsoft or this
   *     fake
   * @throws IllegalStateException if the fake does not redirect (it shows an error page instead,
   *     for example for a redirect URI the app did not register)
   */
  public Map<String, String> authorize(URI authorizationUrl) {
    return AuthorizeBrowser.open(this, authorizationUrl);
  }

  /**
   * Decodes a URI's query parameters (the first value of each name wins), for example to check what
   * an authorization URL asks for or what a callback carries.
   *
   * @param uri the URI
   * @return the parameters in order, decoded
   */
  public static Map<String, String> queryParameters(URI uri) {
    return FakeExchange.parseForm(uri.getRawQuery());
  }

  /** Returns the fake's directory holding file contents. */
  public Path contentDirectory() {
    return contentDirectory;
  }

  /**
   * Returns whether the fake keeps the bytes of files ({@code true} unless built with {@link
   * Builder#keepContent(boolean) keepContent(false)}).
   */
  public boolean keepsContent() {
    return graph.keepsContent();
  }

  Map<String, Object> info() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("baseUrl", baseUrl());
    out.put("graphBaseUrl", graphBaseUrl());
    out.put("authority", authority("common"));
    out.put("https", https());
    out.put("keepsContent", keepsContent());
    out.put(
        "apps",
        identity.apps().stream()
            .map(
                a ->
                    Map.of(
                        "clientId", a.clientId(),
                        "displayName", a.displayName(),
                        "confidential", a.confidential(),
                        "redirectUris", a.redirectUris()))
            .toList());
    out.put(
        "users",
        identity.users().stream()
            .map(
                u ->
                    Map.of(
                        "objectId", u.objectId(),
                        "tenantId", u.tenantId(),
                        "userPrincipalName", u.userPrincipalName(),
                        "displayName", u.displayName(),
                        "kind", u.kind().name()))
            .toList());
    return out;
  }

  /** Returns whether the fake serves HTTPS. */
  public boolean https() {
    return tls != null;
  }

  /**
   * Returns the trust material of an HTTPS fake.
   *
   * @return the certificate and client SSL context
   * @throws IllegalStateException if the fake serves plain HTTP
   */
  public TrustMaterial trust() {
    TlsMaterial material = tls;
    if (material == null) {
      throw new IllegalStateException("the fake serves plain HTTP; build it with https(true)");
    }
    return new TrustMaterial(material);
  }

  /**
   * Returns an SSL context trusting the HTTPS fake.
   *
   * @return the client SSL context
   * @throws IllegalStateException if the fake serves plain HTTP
   */
  public SSLContext sslContext() {
    return trust().sslContext();
  }

  /**
   * Restores the state after start: seeded apps and users only, no grants, tokens, fault rules or
   * journal entries, default lifetimes. The clock is not touched.
   */
  public void reset() {
    faultEngine.clear();
    for (FakeService service : services) {
      service.reset();
    }
    journalRecorder.clear();
  }

  /** Stops serving, releases the port and deletes the content directory the fake created. */
  @Override
  public void close() {
    server.close();
    if (ownsContentDirectory) {
      try (Stream<Path> paths = Files.walk(contentDirectory)) {
        paths.sorted(Comparator.reverseOrder()).forEach(FakeMicrosoft::deleteQuietly);
      } catch (IOException e) {
        // Best effort: a temporary directory.
      }
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Best effort: a temporary directory.
    }
  }

  @Override
  public String toString() {
    return "FakeMicrosoft[" + baseUrl() + "]";
  }

  /** Configures a {@link FakeMicrosoft}. */
  public static final class Builder {
    private int port;
    private boolean https;
    private Clock clock = Clock.systemUTC();
    private boolean defaults = true;
    private final List<FakeApp> apps = new ArrayList<>();
    private final List<FakeUser> users = new ArrayList<>();
    private int journalCapacity = 10_000;
    private @Nullable Path contentDirectory;
    private boolean keepContent = true;
    private final List<String> tlsNames = new ArrayList<>();
    private @Nullable Path keyStore;
    private char[] keyStorePassword = new char[0];

    private Builder() {}

    /**
     * Adds a name to the generated HTTPS certificate, besides {@code localhost}, {@code 127.0.0.1}
     * and {@code ::1}: a Docker service name, or a production host name that a hosts-file entry
     * points at the fake. Pre-authenticated URLs of a request that reached the fake under such a
     * name keep the name.
     *
     * @param name a host name or an IP literal
     * @return this builder
     */
    public Builder tlsName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      tlsNames.add(name);
      return this;
    }

    /**
     * Serves HTTPS with a key and certificate the user brings instead of a generated one: the first
     * private key entry of a PKCS#12 or JKS file; {@link FakeMicrosoft#trust()} then trusts the top
     * of its certificate chain.
     *
     * @param file the key store
     * @param password the store's (and key's) password
     * @return this builder
     */
    public Builder keyStore(Path file, char[] password) {
      this.keyStore = Objects.requireNonNull(file, "file");
      this.keyStorePassword = Objects.requireNonNull(password, "password").clone();
      return this;
    }

    private @Nullable TlsMaterial tls() {
      Path store = keyStore;
      if (!https) {
        if (store != null || !tlsNames.isEmpty()) {
          throw new IllegalStateException("tlsName and keyStore need https(true)");
        }
        return null;
      }
      if (store != null) {
        if (!tlsNames.isEmpty()) {
          throw new IllegalStateException(
              "tlsName names hosts in the generated certificate; a brought key store names its own");
        }
        return TlsMaterial.load(store, keyStorePassword);
      }
      return TlsMaterial.generate(tlsNames);
    }

    /**
     * Sets how many requests the journal keeps (default 10,000; the oldest drop out).
     *
     * @param capacity at least 1
     * @return this builder
     */
    public Builder journalCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
      }
      this.journalCapacity = capacity;
      return this;
    }

    /**
     * Sets where file contents are kept (default: a temporary directory deleted on close).
     *
     * @param directory the directory; created if missing, not deleted on close
     * @return this builder
     */
    public Builder contentDirectory(Path directory) {
      this.contentDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Sets whether the fake keeps the bytes of files (default {@code true}). With {@code false} it
     * reads every upload, checks it as usual and records its size, {@code quickXorHash} and (on
     * personal drives) {@code sha1Hash}, but writes nothing to the content directory: for load
     * tests and benchmarks that upload more than the disk should hold, or whose figures should not
     * include the fake's disk writes. Such files cannot be read back: a download answers {@code 501
     * notSupported}, and {@link FakeDrives#openFile}, {@link FakeDrives#readFile}, {@link
     * FakeDrives#damageStoredFile} and {@link FakeDrives#damageNextUploads} throw {@link
     * IllegalStateException}. Listing, metadata, moves, deletes and quota work as usual.
     *
     * @param keepContent whether to keep file contents
     * @return this builder
     */
    public Builder keepContent(boolean keepContent) {
      this.keepContent = keepContent;
      return this;
    }

    /**
     * Sets the port.
     *
     * @param port 0 (the default) for a free port, else 1-65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Serves HTTPS with a generated certificate for {@code localhost} and {@code 127.0.0.1}.
     *
     * @param https whether to serve HTTPS
     * @return this builder
     */
    public Builder https(boolean https) {
      this.https = https;
      return this;
    }

    /**
     * Sets the clock for every lifetime, expiry and throttling window (e.g. a {@link FakeClock}).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Leaves out the default apps and users.
     *
     * @return this builder
     */
    public Builder withoutDefaults() {
      this.defaults = false;
      return this;
    }

    /**
     * Seeds an app (present after start and after every reset).
     *
     * @param app the registration
     * @return this builder
     */
    public Builder app(FakeApp app) {
      apps.add(Objects.requireNonNull(app, "app"));
      return this;
    }

    /**
     * Seeds a user (present after start and after every reset).
     *
     * @param user the user
     * @return this builder
     */
    public Builder user(FakeUser user) {
      users.add(Objects.requireNonNull(user, "user"));
      return this;
    }

    /**
     * Binds the server (not yet serving; call {@link FakeMicrosoft#start()}).
     *
     * @return the fake
     */
    public FakeMicrosoft build() {
      return new FakeMicrosoft(this);
    }

    /**
     * Builds and starts the fake.
     *
     * @return the started fake
     */
    public FakeMicrosoft start() {
      return build().start();
    }
  }
}
