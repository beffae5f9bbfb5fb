package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.KeepAliveReport;
import io.github.docuelevate.onedrive.drive.WatchResult;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The library's meters, registered on every {@link MeterRegistry} of the application:
 *
 * <ul>
 *   <li>{@code onedrive.integrations} (gauge, tag {@code status}): integrations per status, read
 *       from the token store at each sampling; {@code status=unreadable} for unreadable records;
 *   <li>{@code onedrive.keepalive.refreshed} and {@code onedrive.keepalive.failed} (counters):
 *       integrations refreshed and failed by the scheduled keep-alive;
 *   <li>{@code onedrive.watch.delivered} and {@code onedrive.watch.failures} (counters, tag {@code
 *       folder}): files the scheduled polls handed to the application, and failed polls.
 * </ul>
 *
 * No tag holds an owner, an integration id or a secret.
 */
public class OneDriveMeterBinder implements MeterBinder, OneDriveScheduler.Listener {
  private final TokenStore store;
  private final AtomicReference<@Nullable MeterRegistry> registry = new AtomicReference<>();

  /**
   * Creates the binder.
   *
   * @param store the store whose integrations are counted
   */
  public OneDriveMeterBinder(TokenStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void bindTo(MeterRegistry meters) {
    registry.compareAndSet(null, meters);
    for (IntegrationStatus status : IntegrationStatus.values()) {
      Gauge.builder("onedrive.integrations", store, s -> IntegrationHealth.of(s).count(status))
          .tag("status", status.name().toLowerCase(Locale.ROOT))
          .description("Integrations in the token store, per status")
          .register(meters);
    }
    Gauge.builder("onedrive.integrations", store, s -> IntegrationHealth.of(s).unreadable())
        .tag("status", "unreadable")
        .description("Integrations in the token store, per status")
        .register(meters);
    counter(meters, "onedrive.keepalive.refreshed", "Integrations refreshed by keep-alive");
    counter(meters, "onedrive.keepalive.failed", "Integrations whose keep-alive refresh failed");
  }

  private static Counter counter(
      MeterRegistry meters, String name, String description, String... tags) {
    return Counter.builder(name).description(description).tags(tags).register(meters);
  }

  @Override
  public void keepAliveDone(KeepAliveReport report) {
    MeterRegistry meters = registry.get();
    if (meters != null) {
      counter(meters, "onedrive.keepalive.refreshed", "Integrations refreshed by keep-alive")
          .increment(report.refreshed().size());
      counter(meters, "onedrive.keepalive.failed", "Integrations whose keep-alive refresh failed")
          .increment(report.failed().size());
    }
  }

  @Override
  public void pollDone(String folder, WatchResult result) {
    MeterRegistry meters = registry.get();
    if (meters != null) {
      counter(
              meters,
              "onedrive.watch.delivered",
              "Files handed to the application",
              "folder",
              folder)
          .increment(result.delivered());
    }
  }

  @Override
  public void pollFailed(String folder, RuntimeException failure) {
    MeterRegistry meters = registry.get();
    if (meters != null) {
      counter(meters, "onedrive.watch.failures", "Failed polls of a watch folder", "folder", folder)
          .increment();
    }
  }
}
