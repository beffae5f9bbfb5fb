package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.KeepAliveReport;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.drive.FileHandler;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.drive.WatchResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link OneDrive#keepAlive()} every {@code onedrive.keep-alive.interval} (unless {@code
 * onedrive.keep-alive.enabled=false}) and polls each watch folder every {@code
 * onedrive.watch.interval} into the application's {@link FileHandler} bean: the folders of {@code
 * onedrive.watch.folders} and, with {@code ONEDRIVE_INGEST_ENABLED}, {@code
 * ONEDRIVE_INGEST_FOLDER_PATH}, all in the system integration's drive. One thread; a run that fails
 * is logged (the library records watch failures on the integration) and the schedule goes on.
 * Starts and stops with the application context.
 */
public final class OneDriveScheduler implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(OneDriveScheduler.class);

  /**
   * One scheduled task.
   *
   * @param name {@code keep-alive} or {@code watch:<folder>}
   * @param initialDelay the delay before the first run
   * @param interval the delay between the end of one run and the start of the next
   */
  public record Task(String name, Duration initialDelay, Duration interval) {
    /** Checks the components. */
    public Task {
      Objects.requireNonNull(name, "name");
      requirePositive(initialDelay, false, name + " initial delay");
      requirePositive(interval, true, name + " interval");
    }
  }

  /** Told about every scheduled run, on the scheduler's thread; e.g. for metrics or alerts. */
  public interface Listener {
    /**
     * A keep-alive run ended.
     *
     * @param report what it did
     */
    default void keepAliveDone(KeepAliveReport report) {}

    /**
     * A poll of a watch folder ended.
     *
     * @param folder the folder
     * @param result what it did
     */
    default void pollDone(String folder, WatchResult result) {}

    /**
     * A poll of a watch folder failed.
     *
     * @param folder the folder
     * @param failure the failure (recorded on the integration as well)
     */
    default void pollFailed(String folder, RuntimeException failure) {}
  }

  private final OneDrive oneDrive;
  private final @Nullable FileHandler handler;
  private final List<Listener> listeners;
  private final @Nullable Task keepAlive;
  private final List<String> folders;
  private final Duration watchDelay;
  private final Duration watchInterval;
  private @Nullable ScheduledExecutorService executor;

  /**
   * Creates the scheduler; {@link #start()} begins the schedules.
   *
   * @param oneDrive the entry point
   * @param properties the settings
   * @param handler the handler of watched files; required when a folder is watched
   * @param listeners told about each run
   * @throws ConfigurationException if a folder is watched but there is no handler, or an interval
   *     is not positive
   */
  public OneDriveScheduler(
      OneDrive oneDrive,
      OneDriveProperties properties,
      @Nullable FileHandler handler,
      List<Listener> listeners) {
    this.oneDrive = Objects.requireNonNull(oneDrive, "oneDrive");
    this.handler = handler;
    this.listeners = List.copyOf(listeners);
    List<String> problems = new ArrayList<>();
    OneDriveProperties.KeepAlive k = properties.getKeepAlive();
    this.keepAlive =
        k.isEnabled()
            ? task(problems, "keep-alive", k.getInitialDelay(), k.getInterval(), "keep-alive")
            : null;
    Set<String> watched = new LinkedHashSet<>(properties.getWatch().getFolders());
    String ingest = oneDrive.config().ingestFolderPath();
    if (oneDrive.config().ingestEnabled() && ingest != null) {
      watched.add(ingest);
    }
    this.folders = List.copyOf(watched);
    this.watchDelay = properties.getWatch().getInitialDelay();
    this.watchInterval = properties.getWatch().getInterval();
    for (String folder : folders) {
      task(problems, "watch:" + folder, watchDelay, watchInterval, "watch");
    }
    if (!folders.isEmpty() && handler == null) {
      problems.add(
          "watch folders are configured ("
              + String.join(", ", folders)
              + ") but the application defines no FileHandler bean to hand their files to");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }

  private static @Nullable Task task(
      List<String> problems, String name, Duration delay, Duration interval, String prefix) {
    try {
      return new Task(name, delay, interval);
    } catch (IllegalArgumentException e) {
      problems.add("onedrive." + prefix + ": " + e.getMessage());
      return null;
    }
  }

  private static void requirePositive(Duration d, boolean strictly, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || (strictly && d.isZero())) {
      throw new IllegalArgumentException(
          what + " must be " + (strictly ? "positive" : "zero or more") + ", was " + d);
    }
  }

  /** Returns the scheduled tasks, in the order they are started. */
  public List<Task> tasks() {
    List<Task> tasks = new ArrayList<>();
    if (keepAlive != null) {
      tasks.add(keepAlive);
    }
    for (String folder : folders) {
      tasks.add(new Task("watch:" + folder, watchDelay, watchInterval));
    }
    return List.copyOf(tasks);
  }

  /** Returns the watched folders. */
  public List<String> folders() {
    return folders;
  }

  /**
   * Runs keep-alive now, as the schedule does.
   *
   * @return the report
   */
  public KeepAliveReport runKeepAlive() {
    KeepAliveReport report = oneDrive.keepAlive();
    log.info(
        "OneDrive keep-alive: {} refreshed, {} failed, {} skipped",
        report.refreshed().size(),
        report.failed().size(),
        report.skipped());
    report
        .failed()
        .forEach(
            (key, failure) ->
                log.warn(
                    "OneDrive keep-alive failed for {}: {}", key, failure.getClass().getName()));
    listeners.forEach(l -> l.keepAliveDone(report));
    return report;
  }

  /**
   * Polls one watch folder now, as the schedule does.
   *
   * @param folder one of {@link #folders()}
   * @return what the poll did
   * @throws IllegalArgumentException if the folder is not watched
   * @throws RuntimeException what the poll threw (also told to the listeners)
   */
  public WatchResult poll(String folder) {
    FileHandler h = handler;
    if (!folders.contains(folder) || h == null) {
      throw new IllegalArgumentException("not a watched folder: " + folder);
    }
    try {
      WatchResult result = watchOf(folder).poll(h);
      listeners.forEach(l -> l.pollDone(folder, result));
      return result;
    } catch (RuntimeException e) {
      listeners.forEach(l -> l.pollFailed(folder, e));
      throw e;
    }
  }

  /**
   * The ingest folder goes through {@link OneDrive#systemWatch()}, which applies {@code
   * ONEDRIVE_INGEST_DELETE_AFTER_PROCESS}; other folders are watched as they are.
   */
  private FolderWatch watchOf(String folder) {
    OneDriveConfig config = oneDrive.config();
    if (config.ingestEnabled() && folder.equals(config.ingestFolderPath())) {
      return oneDrive.systemWatch();
    }
    return oneDrive.systemIntegration().watchFolder(WatchOptions.builder(folder).build());
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    ScheduledExecutorService ex =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "onedrive-scheduler");
              t.setDaemon(true);
              return t;
            });
    Task k = keepAlive;
    if (k != null) {
      schedule(ex, k, this::runKeepAlive);
    }
    for (String folder : folders) {
      schedule(ex, new Task("watch:" + folder, watchDelay, watchInterval), () -> poll(folder));
    }
    executor = ex;
  }

  private static void schedule(ScheduledExecutorService ex, Task task, Runnable run) {
    ex.scheduleWithFixedDelay(
        () -> {
          try {
            run.run();
          } catch (RuntimeException e) {
            // The message of the library's exceptions never holds a secret.
            log.warn("OneDrive {} failed: {}", task.name(), e.toString());
          }
        },
        task.initialDelay().toMillis(),
        task.interval().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    ScheduledExecutorService ex = executor;
    executor = null;
    if (ex == null) {
      return;
    }
    ex.shutdownNow();
    try {
      if (!ex.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("OneDrive scheduler did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
