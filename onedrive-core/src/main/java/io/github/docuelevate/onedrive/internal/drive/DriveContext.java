package io.github.docuelevate.onedrive.internal.drive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.UnexpectedResponseException;
import io.github.docuelevate.onedrive.event.OneDriveEvent;
import io.github.docuelevate.onedrive.event.OneDriveEventListener;
import io.github.docuelevate.onedrive.internal.path.OneDrivePathRules;
import io.github.docuelevate.onedrive.internal.store.AccountBinding;
import io.github.docuelevate.onedrive.internal.store.Records;
import io.github.docuelevate.onedrive.internal.transport.GraphRequest;
import io.github.docuelevate.onedrive.internal.transport.GraphTransport;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The drive one integration works on, addressed by id once resolved, so delegated and app-only
 * integrations share the same addresses ({@code /drives/{id}/...}). The id is bound to the account
 * behind the integration: it is kept in the integration's record with that account ({@link
 * AccountBinding}), read from the record at each use, and resolved again ({@code GET
 * {drivePath}?$select=id,driveType}) whenever the record names another account or drive target,
 * whichever node changed it. Thread-safe.
 */
public final class DriveContext {
  private final GraphTransport transport;
  private final TokenStore store;
  private final IntegrationKey key;
  private final OneDriveEventListener events;

  /** The drive's id and type, as Graph reported them. */
  private record Resolved(String id, @Nullable String type) {}

  /**
   * Creates the context.
   *
   * @param transport the integration's transport
   * @param store the store holding the integration's record
   * @param key the integration
   * @param events hears the transfers' progress and completion; must not throw
   */
  public DriveContext(
      GraphTransport transport,
      TokenStore store,
      IntegrationKey key,
      OneDriveEventListener events) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.store = Objects.requireNonNull(store, "store");
    this.key = Objects.requireNonNull(key, "key");
    this.events = Objects.requireNonNull(events, "events");
  }

  /** Returns the integration. */
  public IntegrationKey key() {
    return key;
  }

  /** Reports an event of this integration's drive. */
  void emit(OneDriveEvent event) {
    events.onEvent(event);
  }

  /**
   * Returns the folder the integration's record names as its own.
   *
   * @throws ConfigurationException if the record names none
   */
  public String configuredFolder() {
    String folder = Records.read(store, key).folderPath();
    if (folder == null) {
      throw new ConfigurationException(
          "integration "
              + key
              + " has no folder configured: set one with changeFolder(path), or upload to a path"
              + " from the drive's root with upload(source, folderPath, fileName)");
    }
    return folder;
  }

  /** Returns the transport. */
  public GraphTransport transport() {
    return transport;
  }

  /**
   * Returns the drive's id: the one the record keeps for its current account and drive target, else
   * asks Graph and keeps the answer in the record.
   *
   * @throws OneDriveException if the drive cannot be resolved
   */
  public String driveId() {
    return resolve().id();
  }

  /**
   * Returns the drive's type ({@code personal}, {@code business} or {@code documentLibrary}), or
   * null when Graph did not say; resolved together with the id.
   *
   * @throws OneDriveException if the drive cannot be resolved
   */
  public @Nullable String driveType() {
    return resolve().type();
  }

  private Resolved resolve() {
    StoredIntegration record = Records.read(store, key);
    String drivePath = DrivePaths.of(record);
    Optional<AccountBinding> bound = AccountBinding.current(record, drivePath);
    if (bound.isPresent()) {
      return new Resolved(bound.get().driveId(), bound.get().driveType());
    }
    JsonNode drive =
        transport.json(
            GraphRequest.get(uri(drivePath + "?$select=id,driveType"), "resolve the drive"));
    String id = drive.path("id").asText("");
    if (id.isEmpty()) {
      throw new UnexpectedResponseException("resolve the drive failed: Graph sent no drive id");
    }
    String type = drive.path("driveType").asText("");
    AccountBinding binding =
        new AccountBinding(
            AccountBinding.accountOf(record), drivePath, id, type.isEmpty() ? null : type);
    Records.update(
        store,
        key,
        current ->
            AccountBinding.accountOf(current).equals(binding.account())
                    && DrivePaths.of(current).equals(drivePath)
                    && AccountBinding.current(current, drivePath).isEmpty()
                ? binding.writeTo(current.nextVersion(transport.clock().instant()))
                : null);
    return new Resolved(binding.driveId(), binding.driveType());
  }

  /** Returns {@code /drives/{id}} of this drive. */
  public String drive() {
    return "/drives/" + DrivePath.encodeSegment(driveId());
  }

  /**
   * Returns whether a Graph URI (a continuation from a caller) addresses this drive: its path lies
   * under {@code /drives/{id}/} of this drive's id and has no {@code .} or {@code ..} segment that
   * could climb out of it. Resolves the drive id if needed.
   *
   * @param uri an absolute URI under Graph's root
   * @return whether the URI stays within this drive
   */
  public boolean contains(URI uri) {
    String raw = uri.getRawPath();
    String decoded = uri.getPath();
    String prefix = transport.graphBase().getRawPath() + drive() + "/";
    if (raw == null || decoded == null || !raw.startsWith(prefix)) {
      return false;
    }
    for (String segment : decoded.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** Returns the address of an item given by path ({@code /drives/{id}/root:/a/b:}). */
  public String item(DrivePath path) {
    return path.isRoot() ? drive() + "/root" : drive() + "/root:/" + path.encoded() + ":";
  }

  /** Returns the address of an item given by id ({@code /drives/{id}/items/{item}}). */
  public String itemById(String itemId) {
    requireId(itemId);
    return drive() + "/items/" + DrivePath.encodeSegment(itemId);
  }

  /**
   * Returns the address of an item's action, e.g. {@code children}: after the closing colon of a
   * path address, after a slash otherwise.
   */
  public static String action(String itemAddress, String action) {
    return itemAddress + "/" + action;
  }

  /** Returns the absolute URI of a Graph address (path and query, already encoded). */
  public URI uri(String pathAndQuery) {
    return URI.create(transport.graphBase() + pathAndQuery);
  }

  /** Checks an item id from the caller. */
  public static String requireId(String itemId) {
    Objects.requireNonNull(itemId, "itemId");
    if (itemId.isBlank()) {
      throw new IllegalArgumentException("an item id must not be blank");
    }
    if (OneDrivePathRules.unpairedSurrogate(itemId) >= 0) {
      throw new IllegalArgumentException(
          "an item id must not contain an unpaired UTF-16 surrogate");
    }
    return itemId;
  }
}
