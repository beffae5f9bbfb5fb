package io.github.docuelevate.onedrive.internal.drive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.ConflictException;
import io.github.docuelevate.onedrive.NotFoundException;
import io.github.docuelevate.onedrive.UnexpectedResponseException;
import io.github.docuelevate.onedrive.drive.ConflictBehavior;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.Folders;
import io.github.docuelevate.onedrive.drive.ItemPage;
import io.github.docuelevate.onedrive.drive.ListOptions;
import io.github.docuelevate.onedrive.internal.transport.GraphRequest;
import io.github.docuelevate.onedrive.internal.transport.GraphTransport;
import io.github.docuelevate.onedrive.internal.transport.RetryLoop;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/** Lists and creates folders through Graph. Thread-safe. */
public final class FolderService implements Folders {
  private static final String FOLDERS_ONLY = "f:";
  private static final String ALL_ITEMS = "a:";

  private final DriveContext drive;

  /**
   * Creates the service.
   *
   * @param drive the integration's drive
   */
  public FolderService(DriveContext drive) {
    this.drive = Objects.requireNonNull(drive, "drive");
  }

  @Override
  public DriveItem root() {
    return get(DrivePath.ROOT);
  }

  @Override
  public DriveItem item(String path) {
    return get(DrivePath.parse(path));
  }

  @Override
  public DriveItem itemById(String itemId) {
    return fetch(drive.itemById(itemId), "get item " + itemId);
  }

  @Override
  public ItemPage list(String folderPath, ListOptions options) {
    DrivePath path = DrivePath.parse(Objects.requireNonNull(folderPath, "folderPath"));
    Objects.requireNonNull(options, "options");
    return firstPage(drive.item(path), "list '" + path + "'", options);
  }

  @Override
  public ItemPage listById(String folderId, ListOptions options) {
    Objects.requireNonNull(folderId, "folderId");
    Objects.requireNonNull(options, "options");
    return firstPage(drive.itemById(folderId), "list folder " + folderId, options);
  }

  @Override
  public ItemPage nextPage(String continuation) {
    Objects.requireNonNull(continuation, "continuation");
    boolean foldersOnly;
    if (continuation.startsWith(FOLDERS_ONLY)) {
      foldersOnly = true;
    } else if (continuation.startsWith(ALL_ITEMS)) {
      foldersOnly = false;
    } else {
      throw new IllegalArgumentException("not a continuation of a folder listing");
    }
    URI next;
    try {
      next = URI.create(continuation.substring(2));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a continuation of a folder listing", e);
    }
    if (!drive.transport().isGraphUri(next)) {
      throw new IllegalArgumentException(
          "the continuation does not point to this integration's Graph endpoint");
    }
    if (!drive.contains(next)) {
      throw new IllegalArgumentException(
          "the continuation points at another drive than the integration's");
    }
    return page(next, "list the next page", foldersOnly);
  }

  @Override
  public Stream<DriveItem> listAll(String folderPath, ListOptions options) {
    Objects.requireNonNull(folderPath, "folderPath");
    Objects.requireNonNull(options, "options");
    ItemPage first = list(folderPath, options.withPageSize(ListOptions.MAX_PAGE_SIZE));
    Iterator<DriveItem> items =
        new Iterator<>() {
          private ItemPage page = first;
          private int index;

          @Override
          public boolean hasNext() {
            while (index >= page.items().size()) {
              String continuation = page.continuation();
              if (continuation == null) {
                return false;
              }
              page = nextPage(continuation);
              index = 0;
            }
            return true;
          }

          @Override
          public DriveItem next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return page.items().get(index++);
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(items, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  @Override
  public List<DriveItem> breadcrumbs(String path) {
    DrivePath target = DrivePath.parse(path);
    List<DriveItem> trail = new ArrayList<>();
    for (int i = 0; i <= target.names().size(); i++) {
      trail.add(get(target.prefix(i)));
    }
    return List.copyOf(trail);
  }

  @Override
  public DriveItem ensureFolder(String path) {
    return ensure(DrivePath.parse(path));
  }

  @Override
  public void delete(String path) {
    DrivePath target = DrivePath.parse(path);
    if (target.names().isEmpty()) {
      throw new IllegalArgumentException("the drive's root cannot be deleted; name an item");
    }
    remove(drive.item(target), null, "delete '" + target + "'");
  }

  @Override
  public void deleteById(String itemId) {
    remove(drive.itemById(itemId), null, "delete item " + itemId);
  }

  @Override
  public void deleteIfUnchanged(DriveItem item) {
    Objects.requireNonNull(item, "item");
    if (item.parentId() == null) {
      throw new IllegalArgumentException("the drive's root cannot be deleted; name an item");
    }
    String what = item.path() == null ? "item " + item.id() : "'" + item.path() + "'";
    remove(drive.itemById(item.id()), item.eTag(), "delete " + what);
  }

  /**
   * Sends {@code DELETE}; a {@code 404} after an earlier failed try counts as done (that try may
   * have deleted the item before its answer was lost).
   */
  private void remove(String address, @Nullable String eTag, String operation) {
    GraphRequest delete = GraphRequest.delete(drive.uri(address), operation);
    GraphRequest request = eTag == null ? delete : delete.withHeader("If-Match", eTag);
    RetryLoop retry = drive.transport().retry();
    retry.run(
        operation,
        attempt -> {
          HttpResponse<Void> response =
              drive.transport().sendOnce(request, HttpResponse.BodyHandlers.discarding());
          if (RetryLoop.answered(response)) {
            return new RetryLoop.Done<>(Boolean.TRUE);
          }
          RetryLoop.Failure failure = retry.classify(operation, response, attempt);
          if (attempt > 1 && failure.exception() instanceof NotFoundException) {
            return new RetryLoop.Done<>(Boolean.TRUE);
          }
          return failure.retriedOrThrown(e -> e);
        });
  }

  /**
   * Returns the folder at {@code path}, creating the missing ones; see {@link
   * #ensureFolder(String)}.
   */
  DriveItem ensure(DrivePath path) {
    DriveItem existing = find(path);
    if (existing != null) {
      return requireFolder(existing, path);
    }
    DriveItem parent = root();
    boolean created = false;
    for (int i = 1; i <= path.names().size(); i++) {
      DrivePath prefix = path.prefix(i);
      DriveItem item = created ? null : find(prefix);
      if (item == null) {
        item = create(parent, prefix);
        created = true;
      }
      parent = requireFolder(item, prefix);
    }
    return parent;
  }

  private DriveItem create(DriveItem parent, DrivePath path) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", path.name());
    body.put("folder", Map.of());
    body.put("@microsoft.graph.conflictBehavior", ConflictBehavior.FAIL.graphValue());
    try {
      JsonNode json =
          drive
              .transport()
              .json(
                  GraphRequest.json(
                      "POST",
                      drive.uri(DriveContext.action(drive.itemById(parent.id()), "children")),
                      GraphTransport.toJson(body),
                      "create folder '" + path + "'"));
      return DriveItems.parse(json);
    } catch (ConflictException raced) {
      // Created meanwhile by someone else (or by our own earlier try whose answer was lost).
      DriveItem item = find(path);
      if (item == null) {
        throw raced;
      }
      return item;
    }
  }

  private static DriveItem requireFolder(DriveItem item, DrivePath path) {
    if (!item.folder()) {
      throw new ConflictException("'" + path + "' is a file, not a folder", null, 0, null, null);
    }
    return item;
  }

  /** Returns the item at {@code path}, or {@code null} when there is none. */
  @Nullable DriveItem find(DrivePath path) {
    try {
      return get(path);
    } catch (NotFoundException e) {
      return null;
    }
  }

  DriveItem get(DrivePath path) {
    return fetch(drive.item(path), "get '" + path + "'");
  }

  private DriveItem fetch(String address, String operation) {
    JsonNode json = drive.transport().json(GraphRequest.get(drive.uri(address), operation));
    return DriveItems.parse(json);
  }

  private ItemPage firstPage(String folderAddress, String operation, ListOptions options) {
    String query =
        "?$top=" + options.pageSize() + "&$orderby=name%20asc&$select=" + DriveItems.SELECT;
    URI uri = drive.uri(DriveContext.action(folderAddress, "children") + query);
    return page(uri, operation, options.foldersOnly());
  }

  private ItemPage page(URI uri, String operation, boolean foldersOnly) {
    JsonNode json = drive.transport().json(GraphRequest.get(uri, operation));
    List<DriveItem> items = new ArrayList<>();
    for (JsonNode child : json.path("value")) {
      DriveItem item = DriveItems.parse(child);
      if (!foldersOnly || item.folder()) {
        items.add(item);
      }
    }
    String next = DriveItems.text(json.path("@odata.nextLink"));
    if (next == null) {
      return new ItemPage(items, null);
    }
    if (!drive.transport().isGraphUri(URI.create(next))) {
      throw new UnexpectedResponseException(
          operation + " failed: Graph sent a next page link outside its own endpoint");
    }
    return new ItemPage(items, (foldersOnly ? FOLDERS_ONLY : ALL_ITEMS) + next);
  }
}
