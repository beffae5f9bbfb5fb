package io.github.docuelevate.onedrive.cli;

import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.store.file.FileTokenStore;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.internal.identity.RedirectingMsalHttpClient;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Everything a command needs to reach OneDrive: the configuration (config file, then {@code
 * ONEDRIVE_*} variables, then options), the encrypted credential store in the configuration
 * directory and the {@link OneDrive} built on them. The CLI works on the system integration.
 */
final class CliSession implements AutoCloseable {
  static final String ENV_CONFIG_DIR = "ONEDRIVE_CONFIG_DIR";
  static final String ENV_KEYSET_FILE = "ONEDRIVE_KEYSET_FILE";
  static final String ENV_ENDPOINT = "ONEDRIVE_ENDPOINT";
  static final String CONFIG_FILE = "config.properties";
  static final String KEYSET_FILE = "keyset.json";
  static final String TOKENS_DIRECTORY = "tokens";

  private final Path configDir;
  private final OneDriveConfig config;
  private final RecordEncryption encryption;
  private final FileTokenStore store;
  private final OneDrive oneDrive;
  private final @Nullable URI endpoint;

  private CliSession(
      @Nullable URI endpoint,
      Path configDir,
      OneDriveConfig config,
      RecordEncryption encryption,
      FileTokenStore store,
      OneDrive oneDrive) {
    this.endpoint = endpoint;
    this.configDir = configDir;
    this.config = config;
    this.encryption = encryption;
    this.store = store;
    this.oneDrive = oneDrive;
  }

  /** Opens the session: reads the configuration, opens (or creates) the store. */
  static CliSession open(CliRuntime runtime, GlobalOptions options) {
    Path dir = configDir(runtime, options);
    OneDriveConfig config = config(runtime, options, dir);
    KeysetFile keyset = keysetFile(runtime, options, dir);
    RecordEncryption encryption =
        RecordEncryption.of(
            keyset.path().equals(dir.resolve(KEYSET_FILE))
                ? keyset.readOrGenerate()
                : keyset.read());
    FileTokenStore store = openStore(dir, encryption);
    OneDrive oneDrive =
        OneDrive.builder(config)
            .tokenStore(store)
            .transport(transport(endpoint(runtime, options)))
            .build();
    return new CliSession(endpoint(runtime, options), dir, config, encryption, store, oneDrive);
  }

  /** Opens the credential store in {@code dir} with {@code encryption}. */
  static FileTokenStore openStore(Path dir, RecordEncryption encryption) {
    return FileTokenStore.builder(dir.resolve(TOKENS_DIRECTORY), encryption).build();
  }

  /** Returns the configuration directory the options and environment choose. */
  static Path configDir(CliRuntime runtime, GlobalOptions options) {
    if (options.configDir != null) {
      return options.configDir.toAbsolutePath();
    }
    String explicit = runtime.environment().get(ENV_CONFIG_DIR);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit).toAbsolutePath();
    }
    String xdg = runtime.environment().get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "onedrive").toAbsolutePath();
    }
    return runtime.home().resolve(".config").resolve("onedrive").toAbsolutePath();
  }

  /** Returns the keyset file the options and environment choose. */
  static KeysetFile keysetFile(CliRuntime runtime, GlobalOptions options, Path configDir) {
    if (options.keyset != null) {
      return new KeysetFile(options.keyset.toAbsolutePath());
    }
    String explicit = runtime.environment().get(ENV_KEYSET_FILE);
    if (explicit != null && !explicit.isBlank()) {
      return new KeysetFile(Path.of(explicit).toAbsolutePath());
    }
    return new KeysetFile(configDir.resolve(KEYSET_FILE));
  }

  /**
   * Returns the configuration: {@code config.properties} in the directory, overridden by the {@code
   * ONEDRIVE_*} environment variables, overridden by the options.
   */
  static OneDriveConfig config(CliRuntime runtime, GlobalOptions options, Path configDir) {
    Map<String, String> variables = new LinkedHashMap<>(readConfigFile(configDir));
    runtime
        .environment()
        .forEach(
            (name, value) -> {
              if (name.startsWith("ONEDRIVE_")) {
                variables.put(name, value);
              }
            });
    variables.remove(ENV_CONFIG_DIR);
    variables.remove(ENV_KEYSET_FILE);
    variables.remove(ENV_ENDPOINT);
    if (options.clientId != null) {
      variables.put(OneDriveConfig.ENV_CLIENT_ID, options.clientId);
    }
    if (options.tenant != null) {
      variables.put(OneDriveConfig.ENV_TENANT_ID, options.tenant);
    }
    URI endpoint = endpoint(runtime, options);
    if (endpoint != null) {
      variables.put(OneDriveConfig.ENV_GRAPH_ENDPOINT, endpoint.toString());
      // A standalone testkit fake registers this app; its id and secret are printed by the fake.
      if (!variables.containsKey(OneDriveConfig.ENV_CLIENT_ID)) {
        variables.put(OneDriveConfig.ENV_CLIENT_ID, FakeMicrosoft.DEFAULT_APP.clientId());
        variables.put(OneDriveConfig.ENV_CLIENT_SECRET, FakeMicrosoft.DEFAULT_CLIENT_SECRET);
      }
    }
    return OneDriveConfig.fromMap(variables);
  }

  private static Map<String, String> readConfigFile(Path configDir) {
    Path file = configDir.resolve(CONFIG_FILE);
    Map<String, String> variables = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return variables;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    for (String name : properties.stringPropertyNames()) {
      variables.put(name, properties.getProperty(name).trim());
    }
    return variables;
  }

  private static @Nullable URI endpoint(CliRuntime runtime, GlobalOptions options) {
    String value =
        options.endpoint != null ? options.endpoint : runtime.environment().get(ENV_ENDPOINT);
    if (value == null || value.isBlank()) {
      return null;
    }
    URI uri = URI.create(value.trim());
    if (!uri.isAbsolute() || uri.getHost() == null) {
      throw new CliFailure(
          ExitCode.USAGE,
          "--endpoint must be an absolute URL, got '" + value + "'",
          "give the base URL the standalone fake printed, e.g. --endpoint http://127.0.0.1:8080");
    }
    return uri;
  }

  private static TransportOptions transport(@Nullable URI endpoint) {
    if (endpoint == null) {
      return TransportOptions.defaults();
    }
    return TransportOptions.builder()
        .identityHttpClient(new RedirectingMsalHttpClient(endpoint, null))
        .build();
  }

  Path configDir() {
    return configDir;
  }

  /**
   * Returns {@code url} as a browser must open it: on the {@code --endpoint} server when one is set
   * (the library names the production identity host, which only the transport redirects).
   */
  URI forBrowser(URI url) {
    if (endpoint == null) {
      return url;
    }
    return URI.create(
        endpoint.getScheme()
            + "://"
            + endpoint.getRawAuthority()
            + url.getRawPath()
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
  }

  OneDriveConfig config() {
    return config;
  }

  RecordEncryption encryption() {
    return encryption;
  }

  FileTokenStore store() {
    return store;
  }

  OneDrive oneDrive() {
    return oneDrive;
  }

  /** Returns the integration the CLI works on: the system integration. */
  OneDriveIntegration integration() {
    return oneDrive.systemIntegration();
  }

  @Override
  public void close() {
    store.close();
  }
}
