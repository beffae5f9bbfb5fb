package io.github.docuelevate.onedrive.internal.wiring;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.FileHandler;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.WatchResult;
import io.github.docuelevate.onedrive.drive.WatchStatus;
import io.github.docuelevate.onedrive.event.OneDriveEvent;
import io.github.docuelevate.onedrive.event.OneDriveEventListener;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A folder watch that reports each file its handler took ({@link OneDriveEvent.WatchDelivered}) and
 * each failed poll ({@link OneDriveEvent.WatchFailed}, naming the file whose handler threw). The
 * watch itself stays unaware of events. Thread-safe as the watch it wraps.
 */
final class ObservedWatch implements FolderWatch {
  private final IntegrationKey key;
  private final FolderWatch watch;
  private final OneDriveEventListener events;

  ObservedWatch(IntegrationKey key, FolderWatch watch, OneDriveEventListener events) {
    this.key = key;
    this.watch = watch;
    this.events = events;
  }

  @Override
  public WatchResult poll(FileHandler handler) {
    Objects.requireNonNull(handler, "handler");
    Delivery delivery = new Delivery(handler);
    try {
      return watch.poll(delivery);
    } catch (RuntimeException e) {
      DriveItem file = delivery.failedFile;
      Exception cause = delivery.failure;
      Exception reported = cause != null ? cause : e;
      events.onEvent(
          new OneDriveEvent.WatchFailed(
              key,
              file == null ? null : file.id(),
              file == null ? null : file.name(),
              reported.getClass().getSimpleName(),
              Objects.requireNonNullElse(reported.getMessage(), "")));
      throw e;
    }
  }

  @Override
  public WatchStatus status() {
    return watch.status();
  }

  @Override
  public void reset() {
    watch.reset();
  }

  @Override
  public String toString() {
    return watch.toString();
  }

  /** The host's handler, with its deliveries reported and its failure remembered for the poll. */
  private final class Delivery implements FileHandler {
    private final FileHandler handler;
    private @Nullable DriveItem failedFile;
    private @Nullable Exception failure;

    Delivery(FileHandler handler) {
      this.handler = handler;
    }

    @Override
    public Disposition handle(DriveItem file) throws Exception {
      Disposition disposition;
      try {
        disposition = handler.handle(file);
      } catch (Exception e) {
        failedFile = file;
        failure = e;
        throw e;
      }
      if (disposition != null) {
        events.onEvent(new OneDriveEvent.WatchDelivered(key, file.id(), file.name(), disposition));
      }
      return disposition;
    }
  }
}
