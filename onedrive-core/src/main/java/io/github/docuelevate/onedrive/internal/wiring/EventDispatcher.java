package io.github.docuelevate.onedrive.internal.wiring;

import io.github.docuelevate.onedrive.event.OneDriveEvent;
import io.github.docuelevate.onedrive.event.OneDriveEventListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each event to the registered listeners in order, so that a listener that throws never
 * breaks the operation (its failure is logged at {@code WARN} once per listener and event type),
 * and logs retries and throttling at {@code INFO}, give-ups at {@code WARN}, everything else at
 * {@code DEBUG}. The logger is named for {@link OneDriveEvent}, outside the internal packages, so
 * hosts can set its level by a public name; events carry no secrets and no URLs, and neither do
 * these lines. Thread-safe.
 */
final class EventDispatcher implements OneDriveEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(OneDriveEvent.class);

  private final List<OneDriveEventListener> listeners;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  EventDispatcher(List<OneDriveEventListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void onEvent(OneDriveEvent event) {
    log(event);
    for (int i = 0; i < listeners.size(); i++) {
      OneDriveEventListener listener = listeners.get(i);
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        String type = event.getClass().getSimpleName();
        if (warned.add(i + " " + type)) {
          // The exception's message is the host's text: only its type is logged.
          LOG.warn(
              "Event listener #{} ({}) threw {} on {}; the operation carries on. Further failures"
                  + " of this listener on {} events are not logged",
              i + 1,
              listener.getClass().getName(),
              e.getClass().getName(),
              type,
              type);
        }
      }
    }
  }

  private static void log(OneDriveEvent event) {
    if (event instanceof OneDriveEvent.RequestRetried retried) {
      LOG.info(
          "Integration {}: {} failed ({}) at try {}; trying again in {} ms",
          retried.integration(),
          retried.operation(),
          retried.reason(),
          retried.attempt(),
          retried.delay().toMillis());
    } else if (event instanceof OneDriveEvent.RequestThrottled throttled) {
      LOG.info(
          "Integration {}: {} was throttled (HTTP {}) at try {}; trying again in {} ms",
          throttled.integration(),
          throttled.operation(),
          throttled.status(),
          throttled.attempt(),
          throttled.delay().toMillis());
    } else if (event instanceof OneDriveEvent.RequestFailed failed) {
      LOG.warn(
          "Integration {}: {} failed ({}) after {} tries; giving up",
          failed.integration(),
          failed.operation(),
          failed.reason(),
          failed.attempts());
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("{}", event);
    }
  }
}
