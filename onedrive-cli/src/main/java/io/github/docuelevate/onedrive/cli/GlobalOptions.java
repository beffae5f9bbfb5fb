package io.github.docuelevate.onedrive.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options every command takes. */
final class GlobalOptions {
  @Option(names = "--json", description = "Print the result as JSON (for scripts).")
  boolean json;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only results and errors.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log what the library does to standard error.")
  boolean verbose;

  @Option(
      names = "--config-dir",
      paramLabel = "DIR",
      description =
          "The configuration directory (default: $ONEDRIVE_CONFIG_DIR, else"
              + " $XDG_CONFIG_HOME/onedrive, else ~/.config/onedrive).")
  @Nullable Path configDir;

  @Option(
      names = "--keyset",
      paramLabel = "FILE",
      description =
          "The Tink keyset encrypting the stored credentials (default: $ONEDRIVE_KEYSET_FILE,"
              + " else keyset.json in the configuration directory, generated on first use).")
  @Nullable Path keyset;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description =
          "Send every request (identity platform and Graph) to this server, e.g. a standalone"
              + " testkit fake at http://127.0.0.1:8080 (default: $ONEDRIVE_ENDPOINT).")
  @Nullable String endpoint;

  @Option(names = "--client-id", paramLabel = "ID", description = "Overrides ONEDRIVE_CLIENT_ID.")
  @Nullable String clientId;

  @Option(
      names = "--tenant",
      paramLabel = "TENANT",
      description = "Overrides ONEDRIVE_TENANT_ID (common, consumers, organizations, an id).")
  @Nullable String tenant;
}
