package io.github.docuelevate.onedrive;

import static io.github.docuelevate.onedrive.OneDriveConfig.ENV_ACCOUNT_TYPE;
import static io.github.docuelevate.onedrive.OneDriveConfig.ENV_AUTHORITY_HOST;
import static io.github.docuelevate.onedrive.OneDriveConfig.ENV_CLIENT_ID;
import static io.github.docuelevate.onedrive.OneDriveConfig.ENV_CLIENT_SECRET;
import static io.github.docuelevate.onedrive.OneDriveConfig.ENV_DRIVE;
import static io.github.docuelevate.onedrive.OneDriveConfig.ENV_FOLDER_PATH;
import static io.github.docuelevate.onedrive.OneDriveConfig.ENV_GRAPH_ENDPOINT;
import static io.github.docuelevate.onedrive.OneDriveConfig.ENV_INGEST_DELETE_AFTER_PROCESS;
import static io.github.docuelevate.onedrive.OneDriveConfig.ENV_INGEST_ENABLED;
import static io.github.docuelevate.onedrive.OneDriveConfig.ENV_INGEST_FOLDER_PATH;
import static io.github.docuelevate.onedrive.OneDriveConfig.ENV_REFRESH_TOKEN;
import static io.github.docuelevate.onedrive.OneDriveConfig.ENV_TENANT_ID;

import io.github.docuelevate.onedrive.internal.wiring.ConfigurationRules;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one place that maps a configuration to {@code ONEDRIVE_*} variables and back: {@link
 * OneDriveConfig#fromMap}, {@link OneDriveConfig.Builder#variables} and {@link
 * OneDriveConfig#toEnvironment} all go through it, so a variable read is a variable written.
 */
final class EnvironmentVariables {
  private EnvironmentVariables() {}

  /**
   * Applies the variables found in {@code variables} to a builder; a value that cannot be read is
   * described in {@code problems}. Other keys are ignored, blank values count as absent.
   */
  static void read(Map<String, String> variables, OneDriveConfig.Builder b, List<String> problems) {
    value(variables, ENV_CLIENT_ID).ifPresent(b::clientId);
    value(variables, ENV_CLIENT_SECRET).ifPresent(b::clientSecret);
    value(variables, ENV_TENANT_ID).ifPresent(b::tenant);
    value(variables, ENV_REFRESH_TOKEN).map(Secret::of).ifPresent(b::refreshToken);
    value(variables, ENV_FOLDER_PATH).ifPresent(b::folderPath);
    value(variables, ENV_INGEST_FOLDER_PATH).ifPresent(b::ingestFolderPath);
    value(variables, ENV_INGEST_ENABLED)
        .ifPresent(v -> readBoolean(ENV_INGEST_ENABLED, v, b::ingestEnabled, problems));
    value(variables, ENV_INGEST_DELETE_AFTER_PROCESS)
        .ifPresent(
            v ->
                readBoolean(
                    ENV_INGEST_DELETE_AFTER_PROCESS, v, b::ingestDeleteAfterProcess, problems));
    value(variables, ENV_ACCOUNT_TYPE).ifPresent(v -> readAccountType(v, b, problems));
    value(variables, ENV_DRIVE).ifPresent(v -> readDriveTarget(v, b, problems));
    value(variables, ENV_AUTHORITY_HOST)
        .flatMap(v -> readUri(ENV_AUTHORITY_HOST, v, problems))
        .ifPresent(b::authorityHost);
    value(variables, ENV_GRAPH_ENDPOINT)
        .flatMap(v -> readUri(ENV_GRAPH_ENDPOINT, v, problems))
        .ifPresent(b::graphEndpoint);
  }

  /** Writes a configuration as variables; secrets only when asked for. */
  static EnvironmentExport write(OneDriveConfig config, EnvironmentExport.Secrets secrets) {
    boolean includeSecrets = secrets == EnvironmentExport.Secrets.INCLUDE;
    Map<String, String> vars = new LinkedHashMap<>();
    List<String> omitted = new ArrayList<>();
    AppRegistration app = config.app();
    IntegrationSettings system = config.systemSettings();
    IngestSettings ingest = config.ingest();
    vars.put(ENV_CLIENT_ID, app.clientId());
    vars.put(ENV_TENANT_ID, system.tenant());
    vars.put(ENV_ACCOUNT_TYPE, system.accountType().name());
    DriveTarget driveTarget = system.driveTarget();
    if (driveTarget != null) {
      vars.put(ENV_DRIVE, driveTarget.toString());
    }
    String folderPath = system.folderPath();
    if (folderPath != null) {
      vars.put(ENV_FOLDER_PATH, folderPath);
    }
    String ingestFolder = ingest.folderPath();
    if (ingest.enabled() || ingestFolder != null) {
      vars.put(ENV_INGEST_ENABLED, Boolean.toString(ingest.enabled()));
      if (ingestFolder != null) {
        vars.put(ENV_INGEST_FOLDER_PATH, ingestFolder);
      }
      vars.put(ENV_INGEST_DELETE_AFTER_PROCESS, Boolean.toString(ingest.deleteAfterProcess()));
    }
    if (!app.authorityHost().equals(AppRegistration.DEFAULT_AUTHORITY_HOST)) {
      vars.put(ENV_AUTHORITY_HOST, app.authorityHost().toString());
    }
    if (!app.graphEndpoint().equals(AppRegistration.DEFAULT_GRAPH_ENDPOINT)) {
      vars.put(ENV_GRAPH_ENDPOINT, app.graphEndpoint().toString());
    }
    exportSecret(vars, omitted, ENV_CLIENT_SECRET, app.clientSecret(), includeSecrets);
    exportSecret(vars, omitted, ENV_REFRESH_TOKEN, config.refreshToken(), includeSecrets);
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

  private static void readBoolean(
      String name, String value, Consumer<Boolean> set, List<String> problems) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> set.accept(true);
      case "false", "no", "0", "off" -> set.accept(false);
      default ->
          problems.add(
              name + " must be true or false, got '" + ConfigurationRules.printable(value) + "'");
    }
  }

  private static void readAccountType(
      String value, OneDriveConfig.Builder b, List<String> problems) {
    try {
      b.accountType(AccountType.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_')));
    } catch (IllegalArgumentException e) {
      problems.add(
          ENV_ACCOUNT_TYPE
              + " must be PERSONAL, WORK_OR_SCHOOL or APP_ONLY, got '"
              + ConfigurationRules.printable(value)
              + "'");
    }
  }

  private static void readDriveTarget(
      String value, OneDriveConfig.Builder b, List<String> problems) {
    try {
      b.driveTarget(DriveTarget.parse(value));
    } catch (IllegalArgumentException e) {
      problems.add(ENV_DRIVE + ": " + e.getMessage());
    }
  }

  private static Optional<URI> readUri(String name, String value, List<String> problems) {
    try {
      return Optional.of(new URI(value));
    } catch (URISyntaxException e) {
      problems.add(name + " is not a URI: '" + ConfigurationRules.printable(value) + "'");
      return Optional.empty();
    }
  }

  private static Optional<String> value(Map<String, String> variables, String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
