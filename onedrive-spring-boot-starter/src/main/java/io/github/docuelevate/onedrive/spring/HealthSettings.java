package io.github.docuelevate.onedrive.spring;

import org.springframework.core.env.Environment;

/**
 * How the {@code oneDrive} health indicator judges: with {@code
 * management.health.onedrive.reauthorization-is-down=true}, an integration needing re-authorization
 * (or an unreadable record) makes it {@code DOWN}; by default only an unreachable store does, and
 * the counts are shown either way.
 *
 * @param reauthorizationIsDown whether re-authorization needed means down
 */
public record HealthSettings(boolean reauthorizationIsDown) {
  /**
   * Reads the settings.
   *
   * @param environment the environment
   * @return the settings
   */
  public static HealthSettings from(Environment environment) {
    return new HealthSettings(
        environment.getProperty(
            "management.health.onedrive.reauthorization-is-down", Boolean.class, false));
  }
}
