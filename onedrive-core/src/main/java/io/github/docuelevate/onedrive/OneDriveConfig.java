package io.github.docuelevate.onedrive;

import io.github.docuelevate.onedrive.internal.wiring.ConfigurationRules;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The system configuration, composed of three parts: the {@link AppRegistration} (client id,
 * credential, Microsoft cloud), the system integration's {@link IntegrationSettings} (account type,
 * tenant, drive, folder) with the refresh token the setup wizard obtained, and its watch folder
 * ({@link IngestSettings}). Read it from {@code ONEDRIVE_*} environment variables ({@link
 * #fromEnvironment()}, {@link #fromMap(Map)}), write it back as such ({@link #toEnvironment}), or
 * build it ({@link #builder()}, from the parts or setting by setting).
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
  public static final URI DEFAULT_AUTHORITY_HOST = AppRegistration.DEFAULT_AUTHORITY_HOST;

  /** The public cloud's Graph endpoint. */
  public static final URI DEFAULT_GRAPH_ENDPOINT = AppRegistration.DEFAULT_GRAPH_ENDPOINT;

  /** How the configuration's problem sentences name the system integration's settings. */
  private static final IntegrationSettings.Labels LABELS =
      new IntegrationSettings.Labels(
          "the tenant (" + ENV_TENANT_ID + ")", "the folder path (" + ENV_FOLDER_PATH + ")");

  private final AppRegistration app;
  private final IntegrationSettings systemSettings;
  private final @Nullable Secret refreshToken;
  private final IngestSettings ingest;

  private OneDriveConfig(
      AppRegistration app,
      IntegrationSettings systemSettings,
      @Nullable Secret refreshToken,
      IngestSettings ingest) {
    this.app = app;
    this.systemSettings = systemSettings;
    this.refreshToken = refreshToken;
    this.ingest = ingest;
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
    return new Builder()
        .app(app)
        .systemSettings(systemSettings)
        .refreshToken(refreshToken)
        .ingest(ingest);
  }

  /** Returns the app registration. */
  public AppRegistration app() {
    return app;
  }

  /** Returns the system integration's settings. */
  public IntegrationSettings systemSettings() {
    return systemSettings;
  }

  /** Returns the system integration's watch folder. */
  public IngestSettings ingest() {
    return ingest;
  }

  /** Returns the application (client) id. */
  public String clientId() {
    return app.clientId();
  }

  /** Returns the client secret, if the app registration is confidential with a secret. */
  public @Nullable Secret clientSecret() {
    return app.clientSecret();
  }

  /** Returns the client certificate, if the app registration authenticates with one. */
  public @Nullable ClientCertificate clientCertificate() {
    return app.clientCertificate();
  }

  /** Returns whether the app registration is a confidential client (secret or certificate). */
  public boolean confidential() {
    return app.confidential();
  }

  /** Returns the tenant. */
  public String tenant() {
    return systemSettings.tenant();
  }

  /** Returns the configured refresh token, if any. */
  public @Nullable Secret refreshToken() {
    return refreshToken;
  }

  /** Returns the account type, as set or as chosen from the other settings. */
  public AccountType accountType() {
    return systemSettings.accountType();
  }

  /** Returns the drive target, if set; delegated accounts default to {@code me}. */
  public @Nullable DriveTarget driveTarget() {
    return systemSettings.driveTarget();
  }

  /** Returns the folder path in the drive, if set. */
  public @Nullable String folderPath() {
    return systemSettings.folderPath();
  }

  /** Returns whether the watch folder is enabled. */
  public boolean ingestEnabled() {
    return ingest.enabled();
  }

  /** Returns the watch folder path, if set. */
  public @Nullable String ingestFolderPath() {
    return ingest.folderPath();
  }

  /** Returns whether ingested files are deleted once processed. */
  public boolean ingestDeleteAfterProcess() {
    return ingest.deleteAfterProcess();
  }

  /** Returns the identity platform's host, e.g. {@code https://login.microsoftonline.com}. */
  public URI authorityHost() {
    return app.authorityHost();
  }

  /** Returns the Graph endpoint, e.g. {@code https://graph.microsoft.com}. */
  public URI graphEndpoint() {
    return app.graphEndpoint();
  }

  /**
   * Returns the Graph {@code .default} scope of the cloud in use (see {@link
   * AppRegistration#graphScope()}).
   */
  public String graphScope() {
    return app.graphScope();
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
    return EnvironmentVariables.write(this, Objects.requireNonNull(secrets, "secrets"));
  }

  @Override
  public String toString() {
    return "OneDriveConfig{app="
        + app
        + ", systemSettings="
        + systemSettings
        + ", refreshToken="
        + (refreshToken == null ? "none" : "redacted")
        + ", ingest="
        + ingest
        + "}";
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
      EnvironmentVariables.read(Objects.requireNonNull(variables, "variables"), this, readProblems);
      return this;
    }

    /**
     * Sets the whole app registration (client id, credential, Microsoft cloud).
     *
     * @param app the app registration
     * @return this builder
     */
    public Builder app(AppRegistration app) {
      Objects.requireNonNull(app, "app");
      this.clientId = app.clientId();
      this.clientSecret = app.clientSecret();
      this.clientCertificate = app.clientCertificate();
      this.authorityHost = app.authorityHost();
      this.graphEndpoint = app.graphEndpoint();
      return this;
    }

    /**
     * Sets the system integration's settings at once (account type, tenant, drive, folder).
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder systemSettings(IntegrationSettings settings) {
      Objects.requireNonNull(settings, "settings");
      this.accountType = settings.accountType();
      this.tenant = settings.tenant();
      this.driveTarget = settings.driveTarget();
      this.folderPath = settings.folderPath();
      return this;
    }

    /**
     * Sets the system integration's watch folder at once.
     *
     * @param ingest the watch folder
     * @return this builder
     */
    public Builder ingest(IngestSettings ingest) {
      Objects.requireNonNull(ingest, "ingest");
      this.ingestEnabled = ingest.enabled();
      this.ingestFolderPath = ingest.folderPath();
      this.ingestDeleteAfterProcess = ingest.deleteAfterProcess();
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
      AppRegistration.Builder appBuilder =
          AppRegistration.builder()
              .clientSecret(clientSecret)
              .clientCertificate(clientCertificate)
              .authorityHost(authorityHost)
              .graphEndpoint(graphEndpoint);
      if (clientId != null) {
        appBuilder.clientId(clientId);
      }
      AppRegistration app = collect(problems, appBuilder::build);
      boolean confidential = clientSecret != null || clientCertificate != null;
      AccountType type =
          accountType != null
              ? accountType
              : ConfigurationRules.inferAccountType(
                  tenant, refreshToken != null, driveTarget, confidential);
      IntegrationSettings settings =
          collect(
              problems,
              () ->
                  IntegrationSettings.builder(type, tenant)
                      .driveTarget(driveTarget)
                      .folderPath(folderPath)
                      .build(LABELS));
      ConfigurationRules.checkCredentials(type, refreshToken != null, confidential, problems);
      IngestSettings ingest =
          collect(
              problems,
              () -> new IngestSettings(ingestEnabled, ingestFolderPath, ingestDeleteAfterProcess));
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      return new OneDriveConfig(
          Objects.requireNonNull(app),
          Objects.requireNonNull(settings),
          refreshToken,
          Objects.requireNonNull(ingest));
    }

    /** Builds one part, adding its problems to {@code problems} instead of throwing them. */
    private static <T> @Nullable T collect(List<String> problems, Supplier<T> part) {
      try {
        return part.get();
      } catch (ConfigurationException e) {
        problems.addAll(e.problems());
        return null;
      }
    }
  }
}
