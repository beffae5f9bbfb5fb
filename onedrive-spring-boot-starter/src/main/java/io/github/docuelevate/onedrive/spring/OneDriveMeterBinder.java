package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.event.OneDriveEvent;
import io.github.docuelevate.onedrive.event.OneDriveEventListener;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The library's meters, registered on every {@link MeterRegistry} of the application. The counters,
 * timers and summaries follow the library's {@linkplain OneDriveEvent events} (this binder is an
 * {@link OneDriveEventListener} the auto-configured {@code OneDrive} is built with); the gauges
 * read the token store when sampled.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@code onedrive.integrations}</td><td>gauge</td><td>{@code status}</td>
 *       <td>integrations per status; {@code status=unreadable} for unreadable records</td></tr>
 *   <tr><td>{@code onedrive.token.refreshes}</td><td>counter</td><td></td>
 *       <td>access tokens obtained</td></tr>
 *   <tr><td>{@code onedrive.token.rotations}</td><td>counter</td><td></td>
 *       <td>refresh tokens rotated and stored</td></tr>
 *   <tr><td>{@code onedrive.reauthorization.required}</td><td>counter</td><td></td>
 *       <td>token requests that found the user must authorize again</td></tr>
 *   <tr><td>{@code onedrive.requests.retries}</td><td>timer</td><td>{@code status}</td>
 *       <td>retries after transient failures, and the waits before them</td></tr>
 *   <tr><td>{@code onedrive.requests.throttled}</td><td>timer</td><td>{@code status}</td>
 *       <td>throttled tries, and the waits Microsoft asked for</td></tr>
 *   <tr><td>{@code onedrive.requests.failed}</td><td>counter</td><td>{@code status}</td>
 *       <td>requests given up after the retries</td></tr>
 *   <tr><td>{@code onedrive.upload.bytes}, {@code onedrive.download.bytes}</td>
 *       <td>summary (bytes)</td><td></td><td>sizes of completed transfers</td></tr>
 *   <tr><td>{@code onedrive.upload.duration}, {@code onedrive.download.duration}</td>
 *       <td>timer</td><td></td><td>durations of completed transfers, retries included</td></tr>
 *   <tr><td>{@code onedrive.watch.deliveries}</td><td>counter</td><td>{@code disposition}</td>
 *       <td>files handed to watch handlers</td></tr>
 *   <tr><td>{@code onedrive.watch.failures}</td><td>counter</td><td>{@code error}</td>
 *       <td>failed polls (exception type)</td></tr>
 * </table>
 *
 * <p>No tag holds an owner, an integration id, a path or a secret. Events that arrive before a
 * registry is bound are not counted.
 */
public class OneDriveMeterBinder implements MeterBinder, OneDriveEventListener {
  private final TokenStore store;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

  /**
   * Creates the binder.
   *
   * @param store the store whose integrations the gauges count
   */
  public OneDriveMeterBinder(TokenStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void bindTo(MeterRegistry meters) {
    for (IntegrationStatus status : IntegrationStatus.values()) {
      gauge(
          meters,
          status.name().toLowerCase(Locale.ROOT),
          s -> IntegrationHealth.of(s).count(status));
    }
    gauge(meters, "unreadable", s -> IntegrationHealth.of(s).unreadable());
    registries.add(meters);
  }

  private void gauge(
      MeterRegistry meters, String status, java.util.function.ToDoubleFunction<TokenStore> value) {
    Gauge.builder("onedrive.integrations", store, value)
        .tag("status", status)
        .description("Integrations in the token store, per status")
        .register(meters);
  }

  @Override
  public void onEvent(OneDriveEvent event) {
    for (MeterRegistry meters : registries) {
      record(meters, event);
    }
  }

  private static void record(MeterRegistry meters, OneDriveEvent event) {
    if (event instanceof OneDriveEvent.AccessTokenRefreshed) {
      counter(meters, "onedrive.token.refreshes", "Access tokens obtained").increment();
    } else if (event instanceof OneDriveEvent.RefreshTokenRotated) {
      counter(meters, "onedrive.token.rotations", "Refresh tokens rotated and stored").increment();
    } else if (event instanceof OneDriveEvent.ReauthorizationRequired) {
      counter(meters, "onedrive.reauthorization.required", "Users who must authorize again")
          .increment();
    } else if (event instanceof OneDriveEvent.RequestRetried r) {
      timer(meters, "onedrive.requests.retries", "Retries and their waits", "status", r.status())
          .record(r.delay());
    } else if (event instanceof OneDriveEvent.RequestThrottled t) {
      timer(
              meters,
              "onedrive.requests.throttled",
              "Throttled tries and waits",
              "status",
              t.status())
          .record(t.delay());
    } else if (event instanceof OneDriveEvent.RequestFailed f) {
      counter(meters, "onedrive.requests.failed", "Requests given up", "status", status(f.status()))
          .increment();
    } else if (event instanceof OneDriveEvent.UploadCompleted u) {
      bytes(meters, "onedrive.upload.bytes", "Sizes of completed uploads").record(u.bytes());
      timer(meters, "onedrive.upload.duration", "Durations of completed uploads")
          .record(u.duration());
    } else if (event instanceof OneDriveEvent.DownloadCompleted d) {
      bytes(meters, "onedrive.download.bytes", "Sizes of completed downloads").record(d.bytes());
      timer(meters, "onedrive.download.duration", "Durations of completed downloads")
          .record(d.duration());
    } else if (event instanceof OneDriveEvent.WatchDelivered w) {
      counter(
              meters,
              "onedrive.watch.deliveries",
              "Files handed to watch handlers",
              "disposition",
              w.disposition().name().toLowerCase(Locale.ROOT))
          .increment();
    } else if (event instanceof OneDriveEvent.WatchFailed w) {
      counter(meters, "onedrive.watch.failures", "Failed watch polls", "error", w.errorType())
          .increment();
    }
    // Progress events: the completed transfers carry the figures.
  }

  private static String status(int status) {
    return status == 0 ? "none" : Integer.toString(status);
  }

  private static Counter counter(
      MeterRegistry meters, String name, String description, String... tags) {
    return Counter.builder(name).description(description).tags(tags).register(meters);
  }

  private static Timer timer(MeterRegistry meters, String name, String description) {
    return Timer.builder(name).description(description).register(meters);
  }

  private static Timer timer(
      MeterRegistry meters, String name, String description, String tag, int status) {
    return Timer.builder(name).description(description).tag(tag, status(status)).register(meters);
  }

  private static DistributionSummary bytes(MeterRegistry meters, String name, String description) {
    return DistributionSummary.builder(name)
        .description(description)
        .baseUnit("bytes")
        .register(meters);
  }
}
