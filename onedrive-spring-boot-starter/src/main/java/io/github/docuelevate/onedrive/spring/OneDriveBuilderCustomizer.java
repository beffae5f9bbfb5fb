package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.OneDrive;

/**
 * Adjusts the auto-configured {@link OneDrive} before it is built: a clock, a retry policy, drive
 * options, the keep-alive period. Every bean of this type is applied, in {@link
 * org.springframework.core.annotation.Order} order, after the starter's own settings.
 */
@FunctionalInterface
public interface OneDriveBuilderCustomizer {
  /**
   * Adjusts the builder.
   *
   * @param builder the builder, with the configuration, token store and transport already set
   */
  void customize(OneDrive.Builder builder);
}
