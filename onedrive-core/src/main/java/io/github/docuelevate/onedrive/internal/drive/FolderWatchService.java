package io.github.docuelevate.onedrive.internal.drive;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.FolderWatchException;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.NotFoundException;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.UnexpectedResponseException;
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
import io.github.docuelevate.onedrive.internal.store.Records;
import io.github.docuelevate.onedrive.internal.transport.GraphRequest;
import io.github.docuelevate.onedrive.internal.transport.GraphTransport;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A delta-based {@link FolderWatch}. Its state lives in the integration's record under {@code
 * watch.<id>.*} attributes: the delta cursor, the files delivered and still in the folder (id to
 * content tag), and the time and text of the last success and failure. Each delivery is recorded
 * before its disposition is carried out, so a crash between the two neither loses nor repeats it.
 *
 * <p>On a personal drive the watch asks for the delta of the watched folder itself. OneDrive for
 * Business and SharePoint document libraries support delta only on the drive's root, so there it
 * reads the root's delta and keeps what lies below the watched folder. Delta answers carry no
 * {@code parentReference.path}: the watch places every item by its parent's id, from folders seen
 * in the same answer or by asking for an unknown folder once per poll, and gives each delivered
 * file its full path.
 */
public final class FolderWatchService implements FolderWatch {
  private static final Logger LOG = LoggerFactory.getLogger(FolderWatchService.class);
  private static final TypeReference<LinkedHashMap<String, String>> DELIVERED =
      new TypeReference<>() {};
  private static final TypeReference<LinkedHashSet<String>> IDS = new TypeReference<>() {};
  private static final String SELECT =
      "id,name,size,file,folder,deleted,root,parentReference,lastModifiedDateTime,webUrl,eTag,cTag";

  private final DriveContext drive;
  private final FolderService folders;
  private final TokenStore store;
  private final IntegrationKey key;
  private final Clock clock;
  private final WatchOptions options;
  private final DrivePath folder;
  private final String prefix;

  /**
   * Creates the watch.
   *
   * @param drive the integration's drive
   * @param folders its folder service
   * @param store where the integration's record lives
   * @param key the integration
   * @param clock the time source
   * @param options what to watch
   * @throws io.github.docuelevate.onedrive.InvalidDrivePathException for a bad folder path or
   *     processed folder name
   */
  public FolderWatchService(
      DriveContext drive,
      FolderService folders,
      TokenStore store,
      IntegrationKey key,
      Clock clock,
      WatchOptions options) {
    this.drive = Objects.requireNonNull(drive, "drive");
    this.folders = Objects.requireNonNull(folders, "folders");
    this.store = Objects.requireNonNull(store, "store");
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
    this.folder = DrivePath.parse(options.folderPath());
    folder.child(options.processedFolder());
    this.prefix = "watch." + options.watchId() + ".";
  }

  @Override
  public WatchResult poll(FileHandler handler) {
    Objects.requireNonNull(handler, "handler");
    String holder = UUID.randomUUID().toString();
    if (!acquire(holder)) {
      LOG.debug("{}another poll holds the watch; skipped", errorPrefix());
      return WatchResult.skippedPoll();
    }
    WatchResult result;
    try {
      result = new Poll(handler, holder).run();
    } catch (Throwable e) {
      // Errors too (an AssertionError or StackOverflowError from a handler): a held lease would
      // make every node skip the watch until it runs out, with status() still looking healthy.
      recordFailure(e, holder);
      throw e;
    }
    recordSuccess(holder);
    return result;
  }

  /** Takes the watch's lease unless another poll holds it and it has not run out. */
  private boolean acquire(String holder) {
    return Records.update(
            store,
            key,
            r -> {
              Instant now = clock.instant();
              Lease current = leaseOf(r);
              if (current != null && now.isBefore(current.until())) {
                return null;
              }
              return r.nextVersion(now).attribute(prefix + "lease", lease(holder, now));
            })
        .isPresent();
  }

  private String lease(String holder, Instant now) {
    return new Lease(holder, now.plus(options.lease())).toString();
  }

  private @Nullable Lease leaseOf(StoredIntegration record) {
    return Lease.parse(record.attributes().get(prefix + "lease"));
  }

  private boolean holds(StoredIntegration record, String holder) {
    Lease current = leaseOf(record);
    return current != null && current.holder().equals(holder);
  }

  /** Keeps the lease {@code holder} has, or throws if another poll took it over. */
  private String renewed(StoredIntegration record, String holder, Instant now) {
    if (!holds(record, holder)) {
      throw new FolderWatchException(
          errorPrefix()
              + "another poll took the watch over after this one made no progress for "
              + options.lease()
              + "; make the lease longer than the slowest handler",
          null);
    }
    return lease(holder, now);
  }

  /** The text of {@code attributes[watch.<id>.lease]}: who polls and until when. */
  private record Lease(String holder, Instant until) {
    static @Nullable Lease parse(@Nullable String text) {
      int space = text == null ? -1 : text.indexOf(' ');
      if (text == null || space < 0) {
        return null;
      }
      Instant until = instant(text.substring(space + 1));
      return until == null ? null : new Lease(text.substring(0, space), until);
    }

    @Override
    public String toString() {
      return holder + " " + until;
    }
  }

  @Override
  public WatchStatus status() {
    Map<String, String> attributes = Records.read(store, key).attributes();
    return new WatchStatus(
        instant(attributes.get(prefix + "lastSuccessAt")),
        instant(attributes.get(prefix + "lastErrorAt")),
        attributes.get(prefix + "lastError"));
  }

  @Override
  public void reset() {
    Records.update(
        store,
        key,
        r ->
            r.nextVersion(clock.instant())
                .attribute(prefix + "cursor", null)
                .attribute(prefix + "delivered", null)
                .attribute(prefix + "folders", null)
                .attribute(prefix + "sweeps", null));
  }

  /** The lease attribute after {@code holder} lets go: gone if it held it, unchanged otherwise. */
  private @Nullable String released(StoredIntegration record, String holder) {
    return holds(record, holder) ? null : record.attributes().get(prefix + "lease");
  }

  private String errorPrefix() {
    return "watch '" + options.watchId() + "': ";
  }

  private void recordFailure(Throwable failure, String holder) {
    Instant now = clock.instant();
    String text =
        failure instanceof RuntimeException
            ? String.valueOf(failure.getMessage())
            : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    LOG.warn("{}poll failed: {}", errorPrefix(), text);
    try {
      Records.update(
          store,
          key,
          r ->
              r.nextVersion(now)
                  .attribute(prefix + "lastError", text)
                  .attribute(prefix + "lastErrorAt", now.toString())
                  .attribute(prefix + "lease", released(r, holder))
                  .lastError(errorPrefix() + text, now));
    } catch (RuntimeException | Error e) {
      failure.addSuppressed(e);
    }
  }

  private void recordSuccess(String holder) {
    Instant now = clock.instant();
    Records.update(
        store,
        key,
        r -> {
          StoredIntegration.Builder next =
              r.nextVersion(now)
                  .attribute(prefix + "lastSuccessAt", now.toString())
                  .attribute(prefix + "lastError", null)
                  .attribute(prefix + "lease", released(r, holder));
          String last = r.lastError();
          if (last != null && last.startsWith(errorPrefix())) {
            next.lastError(null, null);
          }
          return next;
        });
  }

  /** One poll: reads the state, follows the delta pages, delivers, saves as it goes. */
  private final class Poll {
    private final FileHandler handler;
    private final String holder;
    private final Map<String, String> delivered;

    /** The watched subfolders known from earlier polls (not the processed folder's). */
    private final Set<String> knownFolders;

    /** Watched folders whose files are still to be listed, oldest first. */
    private final Set<String> sweeps;

    /** Where each folder met in this poll lies: its path and whether its files are watched. */
    private final Map<String, Place> places = new HashMap<>();

    private @Nullable String cursor;
    private @Nullable String processedId;
    private String watchedId = "";
    private String watchedPath = "";
    private int count;
    private int moved;
    private int deleted;

    Poll(FileHandler handler, String holder) {
      this.handler = handler;
      this.holder = holder;
      Map<String, String> attributes = Records.read(store, key).attributes();
      this.cursor = attributes.get(prefix + "cursor");
      this.delivered = readDelivered(attributes.get(prefix + "delivered"));
      this.knownFolders = readIds(attributes.get(prefix + "folders"));
      this.sweeps = readIds(attributes.get(prefix + "sweeps"));
    }

    WatchResult run() {
      DriveItem watched = folders.get(folder);
      if (!watched.folder()) {
        throw new FolderWatchException(errorPrefix() + "'" + folder + "' is not a folder", null);
      }
      watchedId = watched.id();
      String reportedPath = watched.path();
      watchedPath = reportedPath == null ? folder.toString() : reportedPath;
      places.put(watchedId, new Place(watchedPath, true));
      DriveItem processed = folders.find(folder.child(options.processedFolder()));
      if (processed != null) {
        processedId = processed.id();
        places.put(processed.id(), new Place(join(watchedPath, processed.name()), false));
      }
      String scope =
          "personal".equals(drive.driveType())
              ? drive.itemById(watched.id())
              : drive.drive() + "/root";
      String deltaStart =
          DriveContext.action(scope, "delta")
              + "?$top="
              + options.pageSize()
              + "&$select="
              + SELECT;
      String current = cursor;
      if (current != null && !inThisDrive(current)) {
        // The account behind the integration changed: the cursor and the files delivered belong
        // to the previous account's drive. Start over on this one.
        LOG.info("{}the drive changed since the last poll; starting over on it", errorPrefix());
        current = null;
        cursor = null;
        delivered.clear();
        knownFolders.clear();
        sweeps.clear();
      }
      if (current == null && options.start() == WatchStart.ONLY_NEW) {
        JsonNode latest = fetch(drive.uri(deltaStart + "&token=latest"));
        String link = DriveItems.text(latest.path("@odata.deltaLink"));
        if (link == null) {
          throw new UnexpectedResponseException(
              errorPrefix() + "Graph sent no delta link for 'latest'");
        }
        cursor = link;
        learnSubfolders(watchedId);
        save();
        return new WatchResult(0, 0, 0, false);
      }
      URI url = current == null ? drive.uri(deltaStart) : stored(current);
      Set<String> seen = current == null ? new HashSet<>() : null;
      boolean resynced = false;
      while (true) {
        JsonNode page;
        try {
          page = fetch(url);
        } catch (OneDriveException e) {
          if (resynced || !resyncRequired(e)) {
            throw e;
          }
          LOG.info("{}Graph asks for a resynchronisation; enumerating again", errorPrefix());
          resynced = true;
          url = drive.uri(deltaStart);
          seen = new HashSet<>();
          continue;
        }
        for (JsonNode item : page.path("value")) {
          handle(item, seen);
        }
        String next = DriveItems.text(page.path("@odata.nextLink"));
        if (next != null) {
          cursor = next;
          save();
          url = stored(next);
          continue;
        }
        String deltaLink = DriveItems.text(page.path("@odata.deltaLink"));
        if (deltaLink == null) {
          throw new UnexpectedResponseException(
              errorPrefix() + "Graph sent neither a next nor a delta link");
        }
        if (seen != null) {
          // After a full enumeration, forget files and folders that are gone.
          delivered.keySet().retainAll(seen);
          knownFolders.retainAll(seen);
        }
        cursor = deltaLink;
        save();
        sweep();
        return new WatchResult(count, moved, deleted, resynced);
      }
    }

    private void handle(JsonNode item, @Nullable Set<String> seen) {
      String id = item.path("id").asText("");
      if (id.isEmpty()) {
        return;
      }
      if (item.has("deleted")) {
        delivered.remove(id);
        knownFolders.remove(id);
        sweeps.remove(id);
        if (!id.equals(watchedId)) {
          places.remove(id);
        }
        return;
      }
      if (item.has("root")) {
        places.putIfAbsent(id, new Place("", false));
        return;
      }
      String parentId = DriveItems.text(item.path("parentReference").path("id"));
      if (parentId == null) {
        return;
      }
      String name = item.path("name").asText("");
      Place parent = place(parentId);
      if (item.has("folder")) {
        if (!id.equals(watchedId)) {
          Place place = below(parent, parentId, name);
          places.put(id, place);
          if (!place.watched()) {
            knownFolders.remove(id);
          } else if (seen != null) {
            seen.add(id);
            knownFolders.add(id);
          } else if (knownFolders.add(id)) {
            // New here, perhaps moved in with files the changes will not list.
            sweeps.add(id);
          }
        }
        return;
      }
      if (!parent.watched()) {
        delivered.remove(id);
        return;
      }
      if (seen != null) {
        seen.add(id);
      }
      deliver(withPath(DriveItems.parse(item), join(parent.path(), name)));
    }

    /**
     * Lists every folder waiting to be swept, and its new subfolders, delivering the files not yet
     * delivered. Each folder leaves the list once done.
     */
    private void sweep() {
      while (!sweeps.isEmpty()) {
        String folderId = sweeps.iterator().next();
        Place place = place(folderId);
        if (place.watched()) {
          LOG.debug(
              "{}listing folder '{}', new among the watched ones", errorPrefix(), place.path());
          try {
            // The whole listing first: moving files away while paging would shift the pages.
            for (DriveItem child : children(folderId, ListOptions.defaults())) {
              if (child.folder()) {
                Place inner = below(place, folderId, child.name());
                places.put(child.id(), inner);
                if (inner.watched()) {
                  knownFolders.add(child.id());
                  sweeps.add(child.id());
                }
              } else {
                deliver(withPath(child, join(place.path(), child.name())));
              }
            }
          } catch (NotFoundException e) {
            LOG.debug("{}folder {} is gone; nothing to list", errorPrefix(), folderId);
          }
        }
        sweeps.remove(folderId);
        save();
      }
    }

    /** Records every subfolder below {@code folderId} as known (for a watch starting now). */
    private void learnSubfolders(String folderId) {
      Place place = place(folderId);
      for (DriveItem child : children(folderId, ListOptions.foldersOnlyOptions())) {
        Place inner = below(place, folderId, child.name());
        places.put(child.id(), inner);
        if (inner.watched() && knownFolders.add(child.id())) {
          learnSubfolders(child.id());
        }
      }
    }

    /** Lists a folder's children, every page. */
    private List<DriveItem> children(String folderId, ListOptions options) {
      List<DriveItem> all = new ArrayList<>();
      ItemPage page = folders.listById(folderId, options);
      all.addAll(page.items());
      for (String next = page.continuation(); next != null; next = page.continuation()) {
        page = folders.nextPage(next);
        all.addAll(page.items());
      }
      return all;
    }

    /** Hands a watched file to the handler unless this version of it was delivered already. */
    private void deliver(DriveItem file) {
      String id = file.id();
      String tag = file.cTag() != null ? file.cTag() : String.valueOf(file.eTag());
      if (tag.equals(delivered.get(id))) {
        return;
      }
      Disposition disposition;
      try {
        disposition = handler.handle(file);
      } catch (RuntimeException e) {
        throw new FolderWatchException(
            errorPrefix() + "handling '" + file.name() + "' failed: " + e.getMessage(), e);
      } catch (Exception e) {
        throw new FolderWatchException(
            errorPrefix() + "handling '" + file.name() + "' failed: " + e.getMessage(), e);
      }
      if (disposition == null) {
        throw new FolderWatchException(
            errorPrefix() + "the handler returned no disposition for '" + file.name() + "'", null);
      }
      delivered.put(id, tag);
      count++;
      save();
      switch (disposition) {
        case MOVE_TO_PROCESSED:
          move(file);
          moved++;
          break;
        case DELETE:
          drive
              .transport()
              .json(
                  GraphRequest.delete(
                      drive.uri(drive.itemById(id)), "delete '" + file.name() + "'"));
          deleted++;
          break;
        case KEEP:
        default:
          return;
      }
      delivered.remove(id);
    }

    private void move(DriveItem file) {
      String target = processedId;
      if (target == null) {
        DriveItem created = folders.ensure(folder.child(options.processedFolder()));
        target = created.id();
        processedId = target;
        places.put(target, new Place(join(watchedPath, created.name()), false));
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("parentReference", Map.of("id", target));
      drive
          .transport()
          .json(
              GraphRequest.json(
                  "PATCH",
                  drive.uri(
                      drive.itemById(file.id()) + "?@microsoft.graph.conflictBehavior=rename"),
                  GraphTransport.toJson(body),
                  "move '" + file.name() + "' to '" + options.processedFolder() + "'"));
    }

    /**
     * Where a folder lies: from this poll's knowledge, else by asking Graph for the folder (whose
     * answer, unlike delta's, carries its path) and placing its parents the same way.
     */
    private Place place(String folderId) {
      Place known = places.get(folderId);
      if (known != null) {
        return known;
      }
      DriveItem folderItem;
      try {
        folderItem = folders.itemById(folderId);
      } catch (NotFoundException e) {
        // Deleted since the change was recorded: nothing below it is watched any more.
        Place gone = new Place("", false);
        places.put(folderId, gone);
        return gone;
      }
      String parentId = folderItem.parentId();
      Place place =
          parentId == null
              ? new Place("", false)
              : below(place(parentId), parentId, folderItem.name());
      places.put(folderId, place);
      return place;
    }

    /** The place of a folder named {@code name} in the folder {@code parentId}. */
    private Place below(Place parent, String parentId, String name) {
      boolean processedFolder =
          parentId.equals(watchedId) && name.equalsIgnoreCase(options.processedFolder());
      return new Place(join(parent.path(), name), parent.watched() && !processedFolder);
    }

    private JsonNode fetch(URI url) {
      return drive.transport().json(GraphRequest.get(url, errorPrefix() + "read the changes"));
    }

    private boolean inThisDrive(String link) {
      try {
        return drive.contains(URI.create(link));
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    private URI stored(String link) {
      URI uri = URI.create(link);
      if (!drive.transport().isGraphUri(uri)) {
        throw new UnexpectedResponseException(
            errorPrefix()
                + "the stored cursor does not point to this integration's Graph endpoint");
      }
      return uri;
    }

    private void save() {
      String cursorValue = cursor;
      String deliveredValue = json(delivered);
      String foldersValue = json(knownFolders);
      String sweepsValue = sweeps.isEmpty() ? null : json(sweeps);
      Records.update(
          store,
          key,
          r ->
              r.nextVersion(clock.instant())
                  .attribute(prefix + "lease", renewed(r, holder, clock.instant()))
                  .attribute(prefix + "cursor", cursorValue)
                  .attribute(prefix + "delivered", deliveredValue)
                  .attribute(prefix + "folders", foldersValue)
                  .attribute(prefix + "sweeps", sweepsValue));
    }
  }

  /**
   * Where a folder lies.
   *
   * @param path its path from the drive's root ({@code ""} for the root and unknown places)
   * @param watched whether files in it are delivered (below the watched folder, not in the
   *     processed folder)
   */
  private record Place(String path, boolean watched) {}

  private static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
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

  private static boolean resyncRequired(OneDriveException e) {
    return e.httpStatus() == 410
        || "resyncRequired".equals(e.errorCode())
        || (e.errorCode() != null && e.errorCode().startsWith("resync"));
  }

  private static String json(Object value) {
    return new String(GraphTransport.toJson(value), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Set<String> readIds(@Nullable String json) {
    return readState(json, IDS, new LinkedHashSet<>());
  }

  private static Map<String, String> readDelivered(@Nullable String json) {
    return readState(json, DELIVERED, new LinkedHashMap<>());
  }

  /** Reads one JSON attribute of the watch's state; {@code empty} when there is none yet. */
  private static <T> T readState(@Nullable String json, TypeReference<T> type, T empty) {
    if (json == null || json.isEmpty()) {
      return empty;
    }
    try {
      return GraphTransport.mapper().readValue(json, type);
    } catch (IOException e) {
      throw new FolderWatchException("the stored state of a folder watch is unreadable", e);
    }
  }

  private static @Nullable Instant instant(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
