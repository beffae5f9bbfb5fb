package io.github.docuelevate.onedrive.internal.drive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.FolderWatchException;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.NotFoundException;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.FileHandler;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.ItemPage;
import io.github.docuelevate.onedrive.drive.ListOptions;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.drive.WatchResult;
import io.github.docuelevate.onedrive.drive.WatchStart;
import io.github.docuelevate.onedrive.drive.WatchStatus;
import io.github.docuelevate.onedrive.internal.drive.FolderPlaces.Place;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.UnreadableRecordException;
import io.github.docuelevate.onedrive.spi.WatchState;
import io.github.docuelevate.onedrive.spi.WatchStateStore;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A delta-based {@link FolderWatch}. Its state ({@link WatchState}: the delta cursor, a bounded
 * memory of the files delivered and still in the folder, the known subfolders, the lease, the last
 * success and failure) lives in the {@link WatchStateStore}, never in the integration's token
 * record. Each delivery is recorded before its disposition is carried out, so a crash between the
 * two neither loses nor repeats it.
 *
 * <p>The concerns live apart: {@link WatchLease} keeps polls of several nodes apart, {@link
 * WatchStates} reads and writes the state (and migrates what a previous release kept in the token
 * record), {@link DeltaReader} reads the changes, {@link FolderPlaces} places items by their
 * parent, {@link WatchDelivery} hands files over and carries out dispositions. This class runs a
 * poll: it follows the delta pages, and lists folders that were moved in (Graph reports those
 * without the files inside them).
 */
public final class FolderWatchService implements FolderWatch {
  private static final Logger LOG = LoggerFactory.getLogger(FolderWatchService.class);

  private final DriveContext drive;
  private final FolderService folders;
  private final WatchStates states;
  private final Clock clock;
  private final WatchOptions options;
  private final DrivePath folder;
  private final String errorPrefix;

  /**
   * Creates the watch.
   *
   * @param drive the integration's drive
   * @param folders its folder service
   * @param watchStates where the watch's state lives
   * @param tokens where the integration's record lives (read once, to migrate older watch state)
   * @param key the integration
   * @param clock the time source
   * @param options what to watch
   * @throws io.github.docuelevate.onedrive.InvalidDrivePathException for a bad folder path or
   *     processed folder name
   * @throws IllegalArgumentException for a watch id longer than {@link
   *     WatchState#MAX_WATCH_ID_LENGTH}
   */
  public FolderWatchService(
      DriveContext drive,
      FolderService folders,
      WatchStateStore watchStates,
      TokenStore tokens,
      IntegrationKey key,
      Clock clock,
      WatchOptions options) {
    this.drive = Objects.requireNonNull(drive, "drive");
    this.folders = Objects.requireNonNull(folders, "folders");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
    this.folder = DrivePath.parse(options.folderPath());
    folder.child(options.processedFolder());
    this.states =
        new WatchStates(
            Objects.requireNonNull(watchStates, "watchStates"),
            Objects.requireNonNull(tokens, "tokens"),
            Objects.requireNonNull(key, "key"),
            options.watchId(),
            clock);
    this.errorPrefix = WatchMemory.errorPrefix(options.watchId());
  }

  @Override
  public WatchResult poll(FileHandler handler) {
    Objects.requireNonNull(handler, "handler");
    WatchLease lease = new WatchLease(options.lease(), errorPrefix);
    Optional<WatchState> taken;
    try {
      taken = states.update((current, next) -> lease.take(current, next, clock.instant()));
    } catch (UnreadableRecordException e) {
      throw new FolderWatchException(
          errorPrefix
              + "its stored state is unreadable ("
              + e.getMessage()
              + "); reset() deletes it, and the next poll starts as a new watch would",
          e);
    }
    if (taken.isEmpty()) {
      LOG.debug("{}another poll holds the watch; skipped", errorPrefix);
      return WatchResult.skippedPoll();
    }
    WatchResult result;
    try {
      result = new Poll(handler, lease, WatchMemory.of(taken.get())).run();
    } catch (Throwable e) {
      // Errors too (an AssertionError or StackOverflowError from a handler): a held lease would
      // make every node skip the watch until it runs out, with status() still looking healthy.
      recordFailure(e, lease);
      throw e;
    }
    states.update(
        (current, next) -> {
          lease.release(current, next);
          next.lastSuccessAt(clock.instant()).lastErrorText(null);
          return true;
        });
    return result;
  }

  private void recordFailure(Throwable failure, WatchLease lease) {
    String text =
        failure instanceof RuntimeException
            ? String.valueOf(failure.getMessage())
            : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    LOG.warn("{}poll failed: {}", errorPrefix, text);
    try {
      states.update(
          (current, next) -> {
            lease.release(current, next);
            next.lastError(text, clock.instant());
            return true;
          });
    } catch (RuntimeException | Error e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public WatchStatus status() {
    WatchState state;
    try {
      state = states.current();
    } catch (UnreadableRecordException e) {
      return new WatchStatus(
          null, clock.instant(), "its stored state is unreadable; reset() starts the watch over");
    }
    return new WatchStatus(state.lastSuccessAt(), state.lastErrorAt(), state.lastError());
  }

  @Override
  public void reset() {
    try {
      states.update(
          (current, next) -> {
            WatchMemory memory = WatchMemory.of(current);
            memory.clear();
            memory.writeTo(next);
            return true;
          });
    } catch (UnreadableRecordException e) {
      // Nothing of it can be kept anyway: without a record the next poll starts as a new watch.
      LOG.warn("{}deleted its unreadable stored state: {}", errorPrefix, e.getMessage());
      states.discard();
    }
  }

  /** One poll: follows the delta pages, delivers, saves as it goes. */
  private final class Poll {
    private final FileHandler handler;
    private final WatchLease lease;
    private final WatchMemory memory;
    private final FolderPlaces places;
    private final WatchDelivery delivery;
    private String watchedPath = "";
    private int count;
    private int moved;
    private int deleted;

    Poll(FileHandler handler, WatchLease lease, WatchMemory memory) {
      this.handler = handler;
      this.lease = lease;
      this.memory = memory;
      this.places = new FolderPlaces(folders, options.processedFolder());
      this.delivery =
          new WatchDelivery(drive, folders, folder, options.processedFolder(), errorPrefix);
    }

    WatchResult run() {
      DriveItem watched = folders.get(folder);
      if (!watched.folder()) {
        throw new FolderWatchException(errorPrefix + "'" + folder + "' is not a folder", null);
      }
      String reportedPath = watched.path();
      watchedPath = reportedPath == null ? folder.toString() : reportedPath;
      places.watched(watched.id(), watchedPath);
      DriveItem processed = delivery.findProcessedFolder();
      if (processed != null) {
        placeProcessed(processed);
      }
      DeltaReader delta = new DeltaReader(drive, watched, options.pageSize(), errorPrefix);
      String current = memory.cursor;
      if (current != null && !delta.inThisDrive(current)) {
        // The account behind the integration changed: the cursor and the files delivered belong
        // to the previous account's drive. Start over on this one.
        LOG.info("{}the drive changed since the last poll; starting over on it", errorPrefix);
        current = null;
        memory.clear();
      }
      if (current == null && options.start() == WatchStart.ONLY_NEW) {
        memory.cursor = delta.latest();
        learnSubfolders(watched.id());
        save();
        return new WatchResult(0, 0, 0, false);
      }
      URI url = current == null ? delta.first() : delta.stored(current);
      Set<String> seen = current == null ? new HashSet<>() : null;
      boolean resynced = false;
      while (true) {
        JsonNode page;
        try {
          page = delta.page(url);
        } catch (OneDriveException e) {
          if (resynced || !DeltaReader.resyncRequired(e)) {
            throw e;
          }
          LOG.info("{}Graph asks for a resynchronisation; enumerating again", errorPrefix);
          resynced = true;
          url = delta.first();
          seen = new HashSet<>();
          continue;
        }
        for (JsonNode item : page.path("value")) {
          handle(item, seen);
        }
        String next = DeltaReader.nextLink(page);
        if (next != null) {
          memory.cursor = next;
          save();
          url = delta.stored(next);
          continue;
        }
        String deltaLink = delta.deltaLink(page);
        if (seen != null) {
          // After a full enumeration, forget files and folders that are gone.
          memory.delivered.keySet().retainAll(seen);
          memory.knownFolders.retainAll(seen);
        }
        memory.cursor = deltaLink;
        save();
        sweep();
        return new WatchResult(count, moved, deleted, resynced);
      }
    }

    private void placeProcessed(DriveItem processed) {
      places.put(
          processed.id(), new Place(FolderPlaces.join(watchedPath, processed.name()), false));
    }

    private void handle(JsonNode item, @Nullable Set<String> seen) {
      String id = item.path("id").asText("");
      if (id.isEmpty()) {
        return;
      }
      if (item.has("deleted")) {
        memory.delivered.remove(id);
        memory.knownFolders.remove(id);
        memory.sweeps.remove(id);
        places.remove(id);
        return;
      }
      if (item.has("root")) {
        places.putIfAbsent(id, FolderPlaces.nowhere());
        return;
      }
      String parentId = DriveItems.text(item.path("parentReference").path("id"));
      if (parentId == null) {
        return;
      }
      String name = item.path("name").asText("");
      Place parent = places.of(parentId);
      if (item.has("folder")) {
        if (!id.equals(places.watchedId())) {
          Place place = places.below(parent, parentId, name);
          places.put(id, place);
          if (!place.watched()) {
            memory.knownFolders.remove(id);
          } else if (seen != null) {
            seen.add(id);
            memory.knownFolders.add(id);
          } else if (memory.knownFolders.add(id)) {
            // New here, perhaps moved in with files the changes will not list.
            memory.sweeps.add(id);
          }
        }
        return;
      }
      if (!parent.watched()) {
        memory.delivered.remove(id);
        return;
      }
      if (seen != null) {
        seen.add(id);
      }
      deliver(withPath(DriveItems.parse(item), FolderPlaces.join(parent.path(), name)));
    }

    /**
     * Lists every folder waiting to be swept, and its new subfolders, delivering the files not yet
     * delivered. Each folder leaves the list once done.
     */
    private void sweep() {
      while (!memory.sweeps.isEmpty()) {
        String folderId = memory.sweeps.iterator().next();
        Place place = places.of(folderId);
        if (place.watched()) {
          LOG.debug("{}listing folder '{}', new among the watched ones", errorPrefix, place.path());
          try {
            // The whole listing first: moving files away while paging would shift the pages.
            for (DriveItem child : children(folderId, ListOptions.defaults())) {
              if (child.folder()) {
                Place inner = places.below(place, folderId, child.name());
                places.put(child.id(), inner);
                if (inner.watched()) {
                  memory.knownFolders.add(child.id());
                  memory.sweeps.add(child.id());
                }
              } else {
                deliver(withPath(child, FolderPlaces.join(place.path(), child.name())));
              }
            }
          } catch (NotFoundException e) {
            LOG.debug("{}folder {} is gone; nothing to list", errorPrefix, folderId);
          }
        }
        memory.sweeps.remove(folderId);
        save();
      }
    }

    /** Records every subfolder below {@code folderId} as known (for a watch starting now). */
    private void learnSubfolders(String folderId) {
      Place place = places.of(folderId);
      for (DriveItem child : children(folderId, ListOptions.foldersOnlyOptions())) {
        Place inner = places.below(place, folderId, child.name());
        places.put(child.id(), inner);
        if (inner.watched() && memory.knownFolders.add(child.id())) {
          learnSubfolders(child.id());
        }
      }
    }

    /** Lists a folder's children, every page. */
    private List<DriveItem> children(String folderId, ListOptions listOptions) {
      List<DriveItem> all = new ArrayList<>();
      ItemPage page = folders.listById(folderId, listOptions);
      all.addAll(page.items());
      for (String next = page.continuation(); next != null; next = page.continuation()) {
        page = folders.nextPage(next);
        all.addAll(page.items());
      }
      return all;
    }

    /** Hands a watched file to the handler unless this version of it was delivered already. */
    private void deliver(DriveItem file) {
      String tag = WatchDelivery.contentTag(file);
      if (tag.equals(memory.delivered.get(file.id()))) {
        return;
      }
      Disposition disposition = delivery.handle(handler, file);
      memory.delivered(file.id(), tag);
      count++;
      save();
      DriveItem created = delivery.carryOut(disposition, file);
      if (created != null) {
        placeProcessed(created);
      }
      switch (disposition) {
        case MOVE_TO_PROCESSED -> moved++;
        case DELETE -> deleted++;
        case KEEP -> {
          return;
        }
      }
      memory.delivered.remove(file.id());
    }

    /** Writes the progress, renewing the lease (or stopping if another poll took it over). */
    private void save() {
      states.update(
          (current, next) -> {
            lease.renew(current, next, clock.instant());
            memory.writeTo(next);
            return true;
          });
    }
  }

  private static DriveItem withPath(DriveItem item, String path) {
    return new DriveItem(
        item.id(),
        item.name(),
        path,
        item.parentId(),
        item.folder(),
        item.size(),
        item.childCount(),
        item.lastModified(),
        item.hashes(),
        item.webUrl(),
        item.eTag(),
        item.cTag());
  }
}
