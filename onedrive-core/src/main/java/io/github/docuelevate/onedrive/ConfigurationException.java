package io.github.docuelevate.onedrive;

import java.util.List;
import java.util.Objects;

/**
 * The configuration is incomplete or contradictory. Lists every problem found at once, so a
 * misconfigured deployment is fixed in one round; never contains a secret value.
 */
public class ConfigurationException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param problems every problem found, each a sentence naming the setting; never a secret
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public ConfigurationException(List<String> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * Creates the exception for a single problem.
   *
   * @param problem the problem, naming the setting; never a secret
   */
  public ConfigurationException(String problem) {
    this(List.of(problem));
  }

  /** Returns every problem found, in the order they were found. */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    Objects.requireNonNull(problems, "problems");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a configuration error needs at least one problem");
    }
    if (problems.size() == 1) {
      return "Invalid OneDrive configuration: " + problems.get(0);
    }
    StringBuilder message =
        new StringBuilder("Invalid OneDrive configuration (")
            .append(problems.size())
            .append(" problems):");
    for (String problem : problems) {
      message.append("\n - ").append(problem);
    }
    return message.toString();
  }
}
