package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.OneDriveConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code onedrive.*} settings. The first ones carry the names of the library's {@code
 * ONEDRIVE_*} variables, so through Spring Boot's relaxed binding {@code ONEDRIVE_CLIENT_ID} sets
 * {@code onedrive.client-id}, {@code ONEDRIVE_INGEST_FOLDER_PATH} sets {@code
 * onedrive.ingest.folder-path}, and so on; they are handed to {@link OneDriveConfig#fromMap} under
 * those names, so validation is the library's own. The others ({@code store}, {@code keep-alive},
 * {@code watch}, {@code testkit}) configure the starter. {@link #toString()} shows no secret.
 */
@ConfigurationProperties("onedrive")
public class OneDriveProperties {
  private @Nullable String clientId;
  private @Nullable String clientSecret;
  private @Nullable String tenantId;
  private @Nullable String refreshToken;
  private @Nullable String folderPath;
  private @Nullable String accountType;
  private @Nullable String drive;
  private @Nullable String authorityHost;
  private @Nullable String graphEndpoint;
  private final Ingest ingest = new Ingest();
  private final Store store = new Store();
  private final KeepAlive keepAlive = new KeepAlive();
  private final Watch watch = new Watch();
  private final Testkit testkit = new Testkit();

  /**
   * Returns the settings as the library's {@code ONEDRIVE_*} variables, for {@link
   * OneDriveConfig#fromMap}; unset settings are left out.
   *
   * @return variable name to value
   */
  public Map<String, String> toVariables() {
    Map<String, String> v = new LinkedHashMap<>();
    put(v, OneDriveConfig.ENV_CLIENT_ID, clientId);
    put(v, OneDriveConfig.ENV_CLIENT_SECRET, clientSecret);
    put(v, OneDriveConfig.ENV_TENANT_ID, tenantId);
    put(v, OneDriveConfig.ENV_REFRESH_TOKEN, refreshToken);
    put(v, OneDriveConfig.ENV_FOLDER_PATH, folderPath);
    put(v, OneDriveConfig.ENV_INGEST_ENABLED, ingest.enabled);
    put(v, OneDriveConfig.ENV_INGEST_FOLDER_PATH, ingest.folderPath);
    put(v, OneDriveConfig.ENV_INGEST_DELETE_AFTER_PROCESS, ingest.deleteAfterProcess);
    put(v, OneDriveConfig.ENV_ACCOUNT_TYPE, accountType);
    put(v, OneDriveConfig.ENV_DRIVE, drive);
    put(v, OneDriveConfig.ENV_AUTHORITY_HOST, authorityHost);
    String graph = graphEndpoint;
    if ((graph == null || graph.isBlank()) && testkit.baseUrl != null) {
      graph = testkit.baseUrl;
    }
    put(v, OneDriveConfig.ENV_GRAPH_ENDPOINT, graph);
    return v;
  }

  private static void put(Map<String, String> variables, String name, @Nullable String value) {
    if (value != null) {
      variables.put(name, value);
    }
  }

  /** {@code ONEDRIVE_CLIENT_ID}: the application (client) id of the app registration. */
  public @Nullable String getClientId() {
    return clientId;
  }

  /** Sets {@code ONEDRIVE_CLIENT_ID}. */
  public void setClientId(@Nullable String clientId) {
    this.clientId = clientId;
  }

  /** {@code ONEDRIVE_CLIENT_SECRET}: the client secret of a confidential app (a secret). */
  public @Nullable String getClientSecret() {
    return clientSecret;
  }

  /** Sets {@code ONEDRIVE_CLIENT_SECRET}. */
  public void setClientSecret(@Nullable String clientSecret) {
    this.clientSecret = clientSecret;
  }

  /** {@code ONEDRIVE_TENANT_ID}: {@code common}, {@code organizations}, a tenant id or domain. */
  public @Nullable String getTenantId() {
    return tenantId;
  }

  /** Sets {@code ONEDRIVE_TENANT_ID}. */
  public void setTenantId(@Nullable String tenantId) {
    this.tenantId = tenantId;
  }

  /** {@code ONEDRIVE_REFRESH_TOKEN}: the setup wizard's refresh token (a secret). */
  public @Nullable String getRefreshToken() {
    return refreshToken;
  }

  /** Sets {@code ONEDRIVE_REFRESH_TOKEN}. */
  public void setRefreshToken(@Nullable String refreshToken) {
    this.refreshToken = refreshToken;
  }

  /** {@code ONEDRIVE_FOLDER_PATH}: the folder in the drive the application works in. */
  public @Nullable String getFolderPath() {
    return folderPath;
  }

  /** Sets {@code ONEDRIVE_FOLDER_PATH}. */
  public void setFolderPath(@Nullable String folderPath) {
    this.folderPath = folderPath;
  }

  /**
   * {@code ONEDRIVE_ACCOUNT_TYPE}: {@code PERSONAL}, {@code WORK_OR_SCHOOL} or {@code APP_ONLY}.
   */
  public @Nullable String getAccountType() {
    return accountType;
  }

  /** Sets {@code ONEDRIVE_ACCOUNT_TYPE}. */
  public void setAccountType(@Nullable String accountType) {
    this.accountType = accountType;
  }

  /** {@code ONEDRIVE_DRIVE}: the drive target, e.g. {@code user:alice@contoso.com}. */
  public @Nullable String getDrive() {
    return drive;
  }

  /** Sets {@code ONEDRIVE_DRIVE}. */
  public void setDrive(@Nullable String drive) {
    this.drive = drive;
  }

  /** {@code ONEDRIVE_AUTHORITY_HOST}: the identity platform's host for national clouds. */
  public @Nullable String getAuthorityHost() {
    return authorityHost;
  }

  /** Sets {@code ONEDRIVE_AUTHORITY_HOST}. */
  public void setAuthorityHost(@Nullable String authorityHost) {
    this.authorityHost = authorityHost;
  }

  /** {@code ONEDRIVE_GRAPH_ENDPOINT}: the Graph host for national clouds (or the testkit). */
  public @Nullable String getGraphEndpoint() {
    return graphEndpoint;
  }

  /** Sets {@code ONEDRIVE_GRAPH_ENDPOINT}. */
  public void setGraphEndpoint(@Nullable String graphEndpoint) {
    this.graphEndpoint = graphEndpoint;
  }

  /** The watch folder of the seed's variables ({@code ONEDRIVE_INGEST_*}). */
  public Ingest getIngest() {
    return ingest;
  }

  /** Where integrations are kept. */
  public Store getStore() {
    return store;
  }

  /** The scheduled {@link io.github.docuelevate.onedrive.OneDrive#keepAlive()}. */
  public KeepAlive getKeepAlive() {
    return keepAlive;
  }

  /** Scheduled polling of watch folders. */
  public Watch getWatch() {
    return watch;
  }

  /** Pointing the starter at the testkit's fake Microsoft. */
  public Testkit getTestkit() {
    return testkit;
  }

  @Override
  public String toString() {
    return "OneDriveProperties[clientId="
        + clientId
        + ", tenantId="
        + tenantId
        + ", clientSecret="
        + (clientSecret == null ? "unset" : "set")
        + ", refreshToken="
        + (refreshToken == null ? "unset" : "set")
        + ", store="
        + store.type
        + "]";
  }

  /** {@code onedrive.ingest.*}: the {@code ONEDRIVE_INGEST_*} variables. */
  public static class Ingest {
    private @Nullable String enabled;
    private @Nullable String folderPath;
    private @Nullable String deleteAfterProcess;

    /** {@code ONEDRIVE_INGEST_ENABLED}: whether the watch folder is polled. */
    public @Nullable String getEnabled() {
      return enabled;
    }

    /** Sets {@code ONEDRIVE_INGEST_ENABLED}. */
    public void setEnabled(@Nullable String enabled) {
      this.enabled = enabled;
    }

    /** {@code ONEDRIVE_INGEST_FOLDER_PATH}: the watch folder's path in the drive. */
    public @Nullable String getFolderPath() {
      return folderPath;
    }

    /** Sets {@code ONEDRIVE_INGEST_FOLDER_PATH}. */
    public void setFolderPath(@Nullable String folderPath) {
      this.folderPath = folderPath;
    }

    /** {@code ONEDRIVE_INGEST_DELETE_AFTER_PROCESS}: whether handled files are deleted. */
    public @Nullable String getDeleteAfterProcess() {
      return deleteAfterProcess;
    }

    /** Sets {@code ONEDRIVE_INGEST_DELETE_AFTER_PROCESS}. */
    public void setDeleteAfterProcess(@Nullable String deleteAfterProcess) {
      this.deleteAfterProcess = deleteAfterProcess;
    }
  }

  /** Which token store the starter builds. */
  public enum StoreType {
    /** JDBC when onedrive-store-jdbc and a {@code DataSource} are there, else the file store. */
    AUTO,
    /** {@code JdbcTokenStore} on the application's {@code DataSource}. */
    JDBC,
    /** {@code FileTokenStore} in {@link Store#getDirectory()}. */
    FILE,
    /** {@code TokenStore.inMemory()}: lost on restart; for tests and demos. */
    MEMORY
  }

  /** {@code onedrive.store.*}: the token store and its keyset. */
  public static class Store {
    private StoreType type = StoreType.AUTO;
    private @Nullable Path directory;
    private @Nullable String keyset;
    private @Nullable Path keysetFile;
    private @Nullable String keysetVariable;
    private final Jdbc jdbc = new Jdbc();

    /** Which store: {@code auto} (default), {@code jdbc}, {@code file} or {@code memory}. */
    public StoreType getType() {
      return type;
    }

    /** Sets the store type. */
    public void setType(StoreType type) {
      this.type = type;
    }

    /** The file store's directory (created {@code 0700}); required for the file store. */
    public @Nullable Path getDirectory() {
      return directory;
    }

    /** Sets the file store's directory. */
    public void setDirectory(@Nullable Path directory) {
      this.directory = directory;
    }

    /** A cleartext Tink JSON keyset ({@code ONEDRIVE_STORE_KEYSET}); a secret. */
    public @Nullable String getKeyset() {
      return keyset;
    }

    /** Sets the cleartext keyset. */
    public void setKeyset(@Nullable String keyset) {
      this.keyset = keyset;
    }

    /** A file holding a cleartext Tink JSON keyset. */
    public @Nullable Path getKeysetFile() {
      return keysetFile;
    }

    /** Sets the keyset file. */
    public void setKeysetFile(@Nullable Path keysetFile) {
      this.keysetFile = keysetFile;
    }

    /** The name of an environment variable (or other property) holding the keyset. */
    public @Nullable String getKeysetVariable() {
      return keysetVariable;
    }

    /** Sets the keyset variable's name. */
    public void setKeysetVariable(@Nullable String keysetVariable) {
      this.keysetVariable = keysetVariable;
    }

    /** The JDBC store's settings. */
    public Jdbc getJdbc() {
      return jdbc;
    }
  }

  /** {@code onedrive.store.jdbc.*}. */
  public static class Jdbc {
    private boolean createSchema;
    private String tablePrefix = "onedrive_";

    /** Whether missing tables are created at start-up (default {@code false}). */
    public boolean isCreateSchema() {
      return createSchema;
    }

    /** Sets whether missing tables are created. */
    public void setCreateSchema(boolean createSchema) {
      this.createSchema = createSchema;
    }

    /** The prefix of the store's table names (default {@code onedrive_}). */
    public String getTablePrefix() {
      return tablePrefix;
    }

    /** Sets the table prefix. */
    public void setTablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
    }
  }

  /** When a scheduled task runs: the delay before its first run and between runs. */
  public static class Schedule {
    private Duration interval;
    private Duration initialDelay;

    Schedule(Duration interval, Duration initialDelay) {
      this.interval = interval;
      this.initialDelay = initialDelay;
    }

    /** The delay between the end of one run and the start of the next. */
    public Duration getInterval() {
      return interval;
    }

    /** Sets the delay between runs. */
    public void setInterval(Duration interval) {
      this.interval = interval;
    }

    /** The delay before the first run after start-up. */
    public Duration getInitialDelay() {
      return initialDelay;
    }

    /** Sets the delay before the first run. */
    public void setInitialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
    }
  }

  /** {@code onedrive.keep-alive.*}: every 24 hours, first 5 minutes after start-up. */
  public static class KeepAlive extends Schedule {
    private boolean enabled = true;
    private @Nullable Duration idle;

    KeepAlive() {
      super(Duration.ofHours(24), Duration.ofMinutes(5));
    }

    /** Whether keep-alive runs on a schedule (default {@code true}). */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets whether keep-alive runs. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * How long a refresh token may stay unused before keep-alive refreshes it (library default).
     */
    public @Nullable Duration getIdle() {
      return idle;
    }

    /** Sets the idle period. */
    public void setIdle(@Nullable Duration idle) {
      this.idle = idle;
    }
  }

  /**
   * {@code onedrive.watch.*}: polling watch folders into the application's {@code FileHandler},
   * every minute, the first at start-up.
   */
  public static class Watch extends Schedule {
    private List<String> folders = new ArrayList<>();

    Watch() {
      super(Duration.ofMinutes(1), Duration.ZERO);
    }

    /** Folders of the system integration's drive to watch, besides {@code ONEDRIVE_INGEST_*}. */
    public List<String> getFolders() {
      return folders;
    }

    /** Sets the watched folders. */
    public void setFolders(List<String> folders) {
      this.folders = new ArrayList<>(folders);
    }
  }

  /** {@code onedrive.testkit.*}. */
  public static class Testkit {
    private @Nullable String baseUrl;

    /**
     * The base URL of a running testkit fake (in the JVM or standalone): the identity platform's
     * requests are sent there, and it is the Graph endpoint unless {@code graph-endpoint} is set.
     * Needs onedrive-testkit on the classpath.
     */
    public @Nullable String getBaseUrl() {
      return baseUrl;
    }

    /** Sets the fake's base URL. */
    public void setBaseUrl(@Nullable String baseUrl) {
      this.baseUrl = baseUrl;
    }
  }
}
