package io.github.docuelevate.onedrive;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration written as {@code ONEDRIVE_*} environment variables, for worker nodes. Secrets
 * are in it only when they were asked for; {@link #toString()} lists variable names only.
 */
public final class EnvironmentExport {
  /** Whether an export carries the secrets (client secret, refresh token) or leaves them out. */
  public enum Secrets {
    /** The export carries the secrets: keep it out of logs and version control. */
    INCLUDE,
    /** The secrets are left out and listed in {@link #omittedSecrets()}. */
    OMIT
  }

  private final Map<String, String> variables;
  private final List<String> omittedSecrets;

  EnvironmentExport(Map<String, String> variables, List<String> omittedSecrets) {
    this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    this.omittedSecrets = List.copyOf(omittedSecrets);
  }

  /**
   * Returns the variables in a stable order. When secrets were included, the values of {@code
   * ONEDRIVE_CLIENT_SECRET} and {@code ONEDRIVE_REFRESH_TOKEN} are secrets: keep them out of logs.
   *
   * @return variable name to value
   */
  public Map<String, String> variables() {
    return variables;
  }

  /**
   * Returns the names of secret variables that were left out because secrets were not asked for.
   */
  public List<String> omittedSecrets() {
    return omittedSecrets;
  }

  /**
   * Returns the variables as a {@code .env} file: one {@code NAME=value} line each, values quoted
   * when they need it, and a comment line for every omitted secret. May contain secrets (when they
   * were asked for): write it to a protected place, never to a log.
   *
   * @return the file's text
   */
  public String toDotEnv() {
    StringBuilder text = new StringBuilder();
    variables.forEach(
        (name, value) -> text.append(name).append('=').append(quote(value)).append('\n'));
    for (String name : omittedSecrets) {
      text.append("# ").append(name).append("=<secret, not exported>\n");
    }
    return text.toString();
  }

  private static String quote(String value) {
    boolean plain = !value.isEmpty();
    for (int i = 0; i < value.length() && plain; i++) {
      char c = value.charAt(i);
      plain = Character.isLetterOrDigit(c) || "-_./:@,+=".indexOf(c) >= 0;
    }
    if (plain) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  @Override
  public String toString() {
    return "EnvironmentExport"
        + variables.keySet()
        + (omittedSecrets.isEmpty() ? "" : " without " + omittedSecrets);
  }
}
