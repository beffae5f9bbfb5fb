package io.github.docuelevate.onedrive.internal.wiring;

import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.FileHandler;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.WatchResult;
import io.github.docuelevate.onedrive.drive.WatchStatus;
import java.util.Objects;

/**
 * The system integration's watch folder: a watch whose handler's {@link Disposition#KEEP} becomes
 * the configured disposition of a processed file (deleted when the configuration says so).
 */
final class IngestWatch implements FolderWatch {
  private final FolderWatch watch;
  private final Disposition afterProcessing;

  IngestWatch(FolderWatch watch, Disposition afterProcessing) {
    this.watch = watch;
    this.afterProcessing = afterProcessing;
  }

  @Override
  public WatchResult poll(FileHandler handler) {
    Objects.requireNonNull(handler, "handler");
    return watch.poll(
        file -> {
          Disposition chosen = handler.handle(file);
          return chosen == Disposition.KEEP ? afterProcessing : chosen;
        });
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
    return "IngestWatch[" + watch + ", processed files: " + afterProcessing + "]";
  }
}
