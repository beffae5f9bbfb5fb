package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link ConfigurationException} at start-up into Boot's "APPLICATION FAILED TO START"
 * report: every problem the library (or the starter) found, one per line, and what to do. The
 * problems never contain a secret.
 */
public class OneDriveFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {
  /** Creates the analyzer; Spring Boot calls it. */
  public OneDriveFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
    StringBuilder description =
        new StringBuilder("The OneDrive configuration has ")
            .append(cause.problems().size())
            .append(cause.problems().size() == 1 ? " problem:" : " problems:");
    for (String problem : cause.problems()) {
      description.append("\n - ").append(problem);
    }
    return new FailureAnalysis(
        description.toString(),
        "Set the onedrive.* properties (or the ONEDRIVE_* environment variables they bind from)"
            + " named above; see the onedrive-spring-boot-starter README for every property.",
        cause);
  }
}
