package io.github.docuelevate.onedrive;

import io.github.docuelevate.onedrive.internal.wiring.ConfigurationRules;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The system configuration: the app registration, the tenant, the account type and drive, the
 * folder, the watch folder, and the Microsoft cloud. Read it from {@code ONEDRIVE_*} environment
 * variables ({@link #fromEnvironment()}, {@link #fromMap(Map)}) or build it ({@link #builder()}).
 *
 * <p>{@link Builder#build()} checks everything at once and throws one {@link
 * ConfigurationException} listing every problem. Secrets are held as {@link Secret}s: {@link
 * #toString()} and every error message leave them out. Immutable and thread-safe.
 */
public final class OneDriveConfig {
  /** The application (client) id of the app registration. */
  public static final String ENV_CLIENT_ID = "ONEDRIVE_CLIENT_ID";

  /** The client secret of a confidential app registration (a secret). */
  public static final String ENV_CLIENT_SECRET = "ONEDRIVE_CLIENT_SECRET";

  /** The tenant: {@code common} (default), {@code organizations}, {@code consumers}, id, domain. */
  public static final String ENV_TENANT_ID = "ONEDRIVE_TENANT_ID";

  /** A refresh token obtained by the setup wizard (a secret). */
  public static final String ENV_REFRESH_TOKEN = "ONEDRIVE_REFRESH_TOKEN";

  /** The folder in the drive the application works in. */
  public static final String ENV_FOLDER_PATH = "ONEDRIVE_FOLDER_PATH";

  /** Whether a watch folder is polled for new files ({@code true}/{@code false}). */
  public static final String ENV_INGEST_ENABLED = "ONEDRIVE_INGEST_ENABLED";

  /** The watch folder's path in the drive. */
  public static final String ENV_INGEST_FOLDER_PATH = "ONEDRIVE_INGEST_FOLDER_PATH";

  /** Whether ingested files are deleted from the watch folder once processed. */
  public static final String ENV_INGEST_DELETE_AFTER_PROCESS =
      "ONEDRIVE_INGEST_DELETE_AFTER_PROCESS";

  /** The account type ({@code PERSONAL}, {@code WORK_OR_SCHOOL}, {@code APP_ONLY}); optional. */
  public static final String ENV_ACCOUNT_TYPE = "ONEDRIVE_ACCOUNT_TYPE";

  /** The drive target in {@link DriveTarget#parse(String)} form; required for app-only. */
  public static final String ENV_DRIVE = "ONEDRIVE_DRIVE";

  /**
   * The identity platform's host for national clouds, e.g. {@code
   * https://login.microsoftonline.us}.
   */
  public static final String ENV_AUTHORITY_HOST = "ONEDRIVE_AUTHORITY_HOST";

  /** The Graph endpoint for national clouds, e.g. {@code https://graph.microsoft.us}. */
  public static final String ENV_GRAPH_ENDPOINT = "ONEDRIVE_GRAPH_ENDPOINT";

  /** The public cloud's identity platform. */
  public static final URI DEFAULT_AUTHORITY_HOST = URI.create("https://login.microsoftonline.com");

  /** The public cloud's Graph endpoint. */
  public static final URI DEFAULT_GRAPH_ENDPOINT = URI.create("https://graph.microsoft.com");

  private final String clientId;
  private final @Nullable Secret clientSecret;
  private final @Nullable ClientCertificate clientCertificate;
  private final String tenant;
  private final @Nullable Secret refreshToken;
  private final AccountType accountType;
  private final @Nullable DriveTarget driveTarget;
  private final @Nullable String folderPath;
  private final boolean ingestEnabled;
  private final @Nullable String ingestFolderPath;
  private final boolean ingestDeleteAfterProcess;
  private final URI authorityHost;
  private final URI graphEndpoint;

  private OneDriveConfig(Builder b, String clientId, AccountType accountType) {
    this.clientId = clientId;
    this.clientSecret = b.clientSecret;
    this.clientCertificate = b.clientCertificate;
    this.tenant = b.tenant;
    this.refreshToken = b.refreshToken;
    this.accountType = accountType;
    this.driveTarget = b.driveTarget;
    this.folderPath = b.folderPath;
    this.ingestEnabled = b.ingestEnabled;
    this.ingestFolderPath = b.ingestFolderPath;
    this.ingestDeleteAfterProcess = b.ingestDeleteAfterProcess;
    this.authorityHost = b.authorityHost;
    this.graphEndpoint = b.graphEndpoint;
  }

  /** Starts an empty builder (tenant {@code common}, public cloud). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the configuration from this process's environment variables.
   *
   * @return the configuration
   * @throws ConfigurationException listing every problem
   */
  public static OneDriveConfig fromEnvironment() {
    return fromMap(System.getenv());
  }

  /**
   * Reads the configuration from {@code ONEDRIVE_*} variables held in a map; other keys are
   * ignored, blank values count as absent.
   *
   * @param variables variable name to value
   * @return the configuration
   * @throws ConfigurationException listing every problem
   */
  public static OneDriveConfig fromMap(Map<String, String> variables) {
    return builder().variables(variables).build();
  }

  /** Returns a builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.clientId = clientId;
    b.clientSecret = clientSecret;
    b.clientCertificate = clientCertificate;
    b.tenant = tenant;
    b.refreshToken = refreshToken;
    b.accountType = accountType;
    b.driveTarget = driveTarget;
    b.folderPath = folderPath;
    b.ingestEnabled = ingestEnabled;
    b.ingestFolderPath = ingestFolderPath;
    b.ingestDeleteAfterProcess = ingestDeleteAfterProcess;
    b.authorityHost = authorityHost;
    b.graphEndpoint = graphEndpoint;
    return b;
  }

  /** Returns the application (client) id. */
  public String clientId() {
    return clientId;
  }

  /** Returns the client secret, if the app registration is confidential with a secret. */
  public @Nullable Secret clientSecret() {
    return clientSecret;
  }

  /** Returns the client certificate, if the app registration authenticates with one. */
  public @Nullable ClientCertificate clientCertificate() {
    return clientCertificate;
  }

  /** Returns whether the app registration is a confidential client (secret or certificate). */
  public boolean confidential() {
    return clientSecret != null || clientCertificate != null;
  }

  /** Returns the tenant. */
  public String tenant() {
    return tenant;
  }

  /** Returns the configured refresh token, if any. */
  public @Nullable Secret refreshToken() {
    return refreshToken;
  }

  /** Returns the account type, as set or as chosen from the other settings. */
  public AccountType accountType() {
    return accountType;
  }

  /** Returns the drive target, if set; delegated accounts default to {@code me}. */
  public @Nullable DriveTarget driveTarget() {
    return driveTarget;
  }

  /** Returns the folder path in the drive, if set. */
  public @Nullable String folderPath() {
    return folderPath;
  }

  /** Returns whether the watch folder is enabled. */
  public boolean ingestEnabled() {
    return ingestEnabled;
  }

  /** Returns the watch folder path, if set. */
  public @Nullable String ingestFolderPath() {
    return ingestFolderPath;
  }

  /** Returns whether ingested files are deleted once processed. */
  public boolean ingestDeleteAfterProcess() {
    return ingestDeleteAfterProcess;
  }

  /** Returns the identity platform's host, e.g. {@code https://login.microsoftonline.com}. */
  public URI authorityHost() {
    return authorityHost;
  }

  /** Returns the Graph endpoint, e.g. {@code https://graph.microsoft.com}. */
  public URI graphEndpoint() {
    return graphEndpoint;
  }

  /**
   * Returns the Graph {@code .default} scope of the cloud in use: the Graph endpoint's origin plus
   * {@code /.default}, or {@code https://graph.microsoft.com/.default} when the endpoint is a local
   * test server.
   */
  public String graphScope() {
    String host = Objects.requireNonNull(graphEndpoint.getHost());
    if (isLoopback(host)) {
      return DEFAULT_GRAPH_ENDPOINT + "/.default";
    }
    return graphEndpoint.getScheme() + "://" + graphEndpoint.getRawAuthority() + "/.default";
  }

  /**
   * Writes this configuration as {@code ONEDRIVE_*} variables for worker nodes.
   *
   * @param secrets whether to include the client secret and refresh token; when {@link
   *     EnvironmentExport.Secrets#OMIT} they are listed in {@link
   *     EnvironmentExport#omittedSecrets()}. A client certificate is never exported.
   * @return the variables
   */
  public EnvironmentExport toEnvironment(EnvironmentExport.Secrets secrets) {
    boolean includeSecrets =
        Objects.requireNonNull(secrets, "secrets") == EnvironmentExport.Secrets.INCLUDE;
    Map<String, String> vars = new LinkedHashMap<>();
    List<String> omitted = new ArrayList<>();
    vars.put(ENV_CLIENT_ID, clientId);
    vars.put(ENV_TENANT_ID, tenant);
    vars.put(ENV_ACCOUNT_TYPE, accountType.name());
    if (driveTarget != null) {
      vars.put(ENV_DRIVE, driveTarget.toString());
    }
    if (folderPath != null) {
      vars.put(ENV_FOLDER_PATH, folderPath);
    }
    if (ingestEnabled || ingestFolderPath != null) {
      vars.put(ENV_INGEST_ENABLED, Boolean.toString(ingestEnabled));
      if (ingestFolderPath != null) {
        vars.put(ENV_INGEST_FOLDER_PATH, ingestFolderPath);
      }
      vars.put(ENV_INGEST_DELETE_AFTER_PROCESS, Boolean.toString(ingestDeleteAfterProcess));
    }
    if (!authorityHost.equals(DEFAULT_AUTHORITY_HOST)) {
      vars.put(ENV_AUTHORITY_HOST, authorityHost.toString());
    }
    if (!graphEndpoint.equals(DEFAULT_GRAPH_ENDPOINT)) {
      vars.put(ENV_GRAPH_ENDPOINT, graphEndpoint.toString());
    }
    exportSecret(vars, omitted, ENV_CLIENT_SECRET, clientSecret, includeSecrets);
    exportSecret(vars, omitted, ENV_REFRESH_TOKEN, refreshToken, includeSecrets);
    return new EnvironmentExport(vars, omitted);
  }

  private static void exportSecret(
      Map<String, String> vars,
      List<String> omitted,
      String name,
      @Nullable Secret secret,
      boolean include) {
    if (secret == null) {
      return;
    }
    if (include) {
      vars.put(name, secret.reveal());
    } else {
      omitted.add(name);
    }
  }

  @Override
  public String toString() {
    return "OneDriveConfig{clientId="
        + clientId
        + ", clientSecret="
        + (clientSecret == null ? "none" : "redacted")
        + ", clientCertificate="
        + (clientCertificate == null ? "none" : clientCertificate)
        + ", tenant="
        + tenant
        + ", refreshToken="
        + (refreshToken == null ? "none" : "redacted")
        + ", accountType="
        + accountType
        + ", driveTarget="
        + driveTarget
        + ", folderPath="
        + folderPath
        + ", ingestEnabled="
        + ingestEnabled
        + ", ingestFolderPath="
        + ingestFolderPath
        + ", ingestDeleteAfterProcess="
        + ingestDeleteAfterProcess
        + ", authorityHost="
        + authorityHost
        + ", graphEndpoint="
        + graphEndpoint
        + "}";
  }

  static boolean isLoopback(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Builds an {@link OneDriveConfig}. Setters only record values; {@link #build()} checks them all
   * together.
   */
  public static final class Builder {
    private @Nullable String clientId;
    private @Nullable Secret clientSecret;
    private @Nullable ClientCertificate clientCertificate;
    private String tenant = ConfigurationRules.DEFAULT_TENANT;
    private @Nullable Secret refreshToken;
    private @Nullable AccountType accountType;
    private @Nullable DriveTarget driveTarget;
    private @Nullable String folderPath;
    private boolean ingestEnabled;
    private @Nullable String ingestFolderPath;
    private boolean ingestDeleteAfterProcess;
    private URI authorityHost = DEFAULT_AUTHORITY_HOST;
    private URI graphEndpoint = DEFAULT_GRAPH_ENDPOINT;
    private final List<String> readProblems = new ArrayList<>();

    private Builder() {}

    /**
     * Applies the {@code ONEDRIVE_*} variables found in a map; unreadable values are reported by
     * {@link #build()}. Other keys are ignored, blank values count as absent.
     *
     * @param variables variable name to value
     * @return this builder
     */
    public Builder variables(Map<String, String> variables) {
      Objects.requireNonNull(variables, "variables");
      value(variables, ENV_CLIENT_ID).ifPresent(this::clientId);
      value(variables, ENV_CLIENT_SECRET).ifPresent(this::clientSecret);
      value(variables, ENV_TENANT_ID).ifPresent(this::tenant);
      value(variables, ENV_REFRESH_TOKEN).map(Secret::of).ifPresent(this::refreshToken);
      value(variables, ENV_FOLDER_PATH).ifPresent(this::folderPath);
      value(variables, ENV_INGEST_FOLDER_PATH).ifPresent(this::ingestFolderPath);
      value(variables, ENV_INGEST_ENABLED)
          .ifPresent(v -> readBoolean(ENV_INGEST_ENABLED, v, b -> ingestEnabled = b));
      value(variables, ENV_INGEST_DELETE_AFTER_PROCESS)
          .ifPresent(
              v ->
                  readBoolean(
                      ENV_INGEST_DELETE_AFTER_PROCESS, v, b -> ingestDeleteAfterProcess = b));
      value(variables, ENV_ACCOUNT_TYPE).ifPresent(this::readAccountType);
      value(variables, ENV_DRIVE).ifPresent(this::readDriveTarget);
      value(variables, ENV_AUTHORITY_HOST)
          .ifPresent(v -> readUri(ENV_AUTHORITY_HOST, v).ifPresent(u -> authorityHost = u));
      value(variables, ENV_GRAPH_ENDPOINT)
          .ifPresent(v -> readUri(ENV_GRAPH_ENDPOINT, v).ifPresent(u -> graphEndpoint = u));
      return this;
    }

    /**
     * Sets the application (client) id.
     *
     * @param clientId the id
     * @return this builder
     */
    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId").strip();
      return this;
    }

    /**
     * Sets the client secret of a confidential app registration.
     *
     * @param clientSecret the secret
     * @return this builder
     */
    public Builder clientSecret(Secret clientSecret) {
      this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
      return this;
    }

    /**
     * Sets the client secret of a confidential app registration.
     *
     * @param clientSecret the secret
     * @return this builder
     */
    public Builder clientSecret(String clientSecret) {
      return clientSecret(Secret.of(Objects.requireNonNull(clientSecret, "clientSecret")));
    }

    /**
     * Sets a certificate credential (instead of a client secret).
     *
     * @param certificate the key and certificate chain
     * @return this builder
     */
    public Builder clientCertificate(ClientCertificate certificate) {
      this.clientCertificate = Objects.requireNonNull(certificate, "certificate");
      return this;
    }

    /**
     * Sets the tenant ({@code common} when not set).
     *
     * @param tenant {@code common}, {@code organizations}, {@code consumers}, a tenant id or domain
     * @return this builder
     */
    public Builder tenant(String tenant) {
      this.tenant = Objects.requireNonNull(tenant, "tenant").strip();
      return this;
    }

    /**
     * Sets a refresh token obtained earlier (by the setup wizard).
     *
     * @param refreshToken the token
     * @return this builder
     */
    public Builder refreshToken(@Nullable Secret refreshToken) {
      this.refreshToken = refreshToken;
      return this;
    }

    /**
     * Sets the account type; when not set it is chosen from the other settings (no refresh token, a
     * confidential client and a drive target other than {@code me} mean app-only; tenant {@code
     * common} or {@code consumers} means personal; otherwise work or school).
     *
     * @param accountType the account type
     * @return this builder
     */
    public Builder accountType(@Nullable AccountType accountType) {
      this.accountType = accountType;
      return this;
    }

    /**
     * Sets the drive to work on (required for app-only).
     *
     * @param driveTarget the drive
     * @return this builder
     */
    public Builder driveTarget(@Nullable DriveTarget driveTarget) {
      this.driveTarget = driveTarget;
      return this;
    }

    /**
     * Sets the folder in the drive the application works in.
     *
     * @param folderPath a path relative to the drive root, e.g. {@code Apps/Archive}
     * @return this builder
     */
    public Builder folderPath(@Nullable String folderPath) {
      this.folderPath = folderPath;
      return this;
    }

    /**
     * Enables or disables the watch folder.
     *
     * @param enabled whether new files in the watch folder are ingested
     * @return this builder
     */
    public Builder ingestEnabled(boolean enabled) {
      this.ingestEnabled = enabled;
      return this;
    }

    /**
     * Sets the watch folder path.
     *
     * @param path a path relative to the drive root
     * @return this builder
     */
    public Builder ingestFolderPath(@Nullable String path) {
      this.ingestFolderPath = path;
      return this;
    }

    /**
     * Sets whether ingested files are deleted once processed.
     *
     * @param delete whether to delete
     * @return this builder
     */
    public Builder ingestDeleteAfterProcess(boolean delete) {
      this.ingestDeleteAfterProcess = delete;
      return this;
    }

    /**
     * Sets the identity platform's host (national clouds).
     *
     * @param authorityHost an https URI without path, e.g. {@code https://login.microsoftonline.us}
     * @return this builder
     */
    public Builder authorityHost(URI authorityHost) {
      this.authorityHost = Objects.requireNonNull(authorityHost, "authorityHost");
      return this;
    }

    /**
     * Sets the Graph endpoint (national clouds, or a local test server): the host alone, such as
     * {@code https://graph.microsoft.us}; the library adds the API version ({@code /v1.0}).
     *
     * @param graphEndpoint an https URI without path (http only for a loopback host); {@link
     *     #build()} refuses one with a path such as {@code /v1.0}
     * @return this builder
     */
    public Builder graphEndpoint(URI graphEndpoint) {
      this.graphEndpoint = Objects.requireNonNull(graphEndpoint, "graphEndpoint");
      return this;
    }

    /**
     * Checks every setting and builds the configuration.
     *
     * @return the configuration
     * @throws ConfigurationException listing every problem found
     */
    public OneDriveConfig build() {
      List<String> problems = new ArrayList<>(readProblems);
      String id = clientId;
      if (id == null || id.isEmpty()) {
        problems.add("the client id (" + ENV_CLIENT_ID + ") is missing");
        id = "";
      }
      boolean tenantValid = ConfigurationRules.isValidTenant(tenant);
      if (!tenantValid) {
        problems.add(
            "the tenant ("
                + ENV_TENANT_ID
                + ") must be common, organizations, consumers, a tenant id (GUID) or a domain;"
                + " got '"
                + printable(tenant)
                + "'");
      }
      if (clientSecret != null && clientCertificate != null) {
        problems.add("set a client secret or a client certificate, not both");
      }
      boolean confidential = clientSecret != null || clientCertificate != null;
      AccountType type =
          accountType != null
              ? accountType
              : ConfigurationRules.inferAccountType(
                  tenant, refreshToken != null, driveTarget, confidential);
      if (tenantValid) {
        ConfigurationRules.checkAccount(
            type, tenant, driveTarget, refreshToken != null, confidential, problems);
      } else if (type == AccountType.APP_ONLY) {
        ConfigurationRules.checkAccount(
            type, "placeholder.example", driveTarget, refreshToken != null, confidential, problems);
      }
      checkPath(ENV_FOLDER_PATH, folderPath, problems);
      checkPath(ENV_INGEST_FOLDER_PATH, ingestFolderPath, problems);
      if (ingestEnabled && ingestFolderPath == null) {
        problems.add(
            "the watch folder is enabled ("
                + ENV_INGEST_ENABLED
                + ") but has no path ("
                + ENV_INGEST_FOLDER_PATH
                + ")");
      }
      checkEndpoint(ENV_AUTHORITY_HOST, authorityHost, false, problems);
      checkEndpoint(ENV_GRAPH_ENDPOINT, graphEndpoint, true, problems);
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      return new OneDriveConfig(this, id, type);
    }

    private static void checkPath(String name, @Nullable String path, List<String> problems) {
      if (path == null) {
        return;
      }
      ConfigurationRules.folderPathProblem(path)
          .ifPresent(
              problem -> problems.add("the folder path (" + name + ") is refused: " + problem));
    }

    private static void checkEndpoint(
        String name, URI uri, boolean httpOnLoopback, List<String> problems) {
      String host = uri.getHost();
      boolean https = "https".equalsIgnoreCase(uri.getScheme());
      boolean loopbackHttp =
          httpOnLoopback
              && "http".equalsIgnoreCase(uri.getScheme())
              && host != null
              && isLoopback(host);
      if (!uri.isAbsolute() || host == null || !(https || loopbackHttp)) {
        problems.add(
            name
                + " must be an absolute https URI"
                + (httpOnLoopback ? " (http only for a loopback host)" : "")
                + ", got '"
                + printable(uri.toString())
                + "'");
      } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        problems.add(name + " must not have a query or fragment");
      } else if (uri.getRawPath() != null
          && !uri.getRawPath().isEmpty()
          && !uri.getRawPath().equals("/")) {
        problems.add(hostOnly(name, uri, httpOnLoopback));
      }
    }

    /** Says what to pass instead of an endpoint with a path (Graph's version is the library's). */
    private static String hostOnly(String name, URI uri, boolean graph) {
      String host = uri.getScheme() + "://" + uri.getRawAuthority();
      if (!graph) {
        return name
            + " must be a host without path, e.g. https://login.microsoftonline.com; pass '"
            + printable(host)
            + "'";
      }
      String path = uri.getRawPath();
      String version = path.replaceAll("/+$", "");
      boolean versioned = version.equalsIgnoreCase("/v1.0") || version.equalsIgnoreCase("/beta");
      return name
          + " must be Graph's host without a path, e.g. https://graph.microsoft.com: the library"
          + " adds the API version (/v1.0) itself; "
          + (versioned ? "drop '" + printable(version) + "' and " : "")
          + "pass '"
          + printable(host)
          + "', not '"
          + printable(uri.toString())
          + "'";
    }

    private void readBoolean(String name, String value, java.util.function.Consumer<Boolean> set) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "1", "on" -> set.accept(true);
        case "false", "no", "0", "off" -> set.accept(false);
        default ->
            readProblems.add(name + " must be true or false, got '" + printable(value) + "'");
      }
    }

    private void readAccountType(String value) {
      try {
        accountType = AccountType.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        readProblems.add(
            ENV_ACCOUNT_TYPE
                + " must be PERSONAL, WORK_OR_SCHOOL or APP_ONLY, got '"
                + printable(value)
                + "'");
      }
    }

    private void readDriveTarget(String value) {
      try {
        driveTarget = DriveTarget.parse(value);
      } catch (IllegalArgumentException e) {
        readProblems.add(ENV_DRIVE + ": " + e.getMessage());
      }
    }

    private Optional<URI> readUri(String name, String value) {
      try {
        return Optional.of(new URI(value));
      } catch (URISyntaxException e) {
        readProblems.add(name + " is not a URI: '" + printable(value) + "'");
        return Optional.empty();
      }
    }

    private static Optional<String> value(Map<String, String> variables, String name) {
      String value = variables.get(name);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** Shortens a non-secret value for a message and drops control characters. */
    private static String printable(String value) {
      String cleaned = value.replaceAll("\\p{Cntrl}", "?");
      return cleaned.length() > 80 ? cleaned.substring(0, 77) + "..." : cleaned;
    }
  }
}
