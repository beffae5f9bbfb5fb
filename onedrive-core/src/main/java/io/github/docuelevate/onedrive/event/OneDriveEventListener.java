package io.github.docuelevate.onedrive.event;

/**
 * Hears what the library does, for metrics, logs and alerts. Register it with {@link
 * io.github.docuelevate.onedrive.OneDrive.Builder#eventListener}; several listeners may be
 * registered and each hears every event, in the order they were registered.
 *
 * <p>Events are delivered synchronously on the thread doing the work (an upload's progress on the
 * uploading thread, a retry before its wait), so a listener must be quick and thread-safe; hand
 * slow work to an executor. A listener that throws never breaks the operation: the exception is
 * logged at {@code WARN} (once per listener and event type) and the operation carries on.
 *
 * <pre>{@code
 * OneDrive oneDrive = OneDrive.builder(config)
 *     .tokenStore(store)
 *     .eventListener(event -> {
 *       if (event instanceof OneDriveEvent.RequestThrottled) {
 *         throttled.increment();
 *       } else if (event instanceof OneDriveEvent.ReauthorizationRequired r) {
 *         alert(r.integration());
 *       }
 *     })
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface OneDriveEventListener {
  /**
   * Hears one event.
   *
   * @param event what happened
   */
  void onEvent(OneDriveEvent event);
}
