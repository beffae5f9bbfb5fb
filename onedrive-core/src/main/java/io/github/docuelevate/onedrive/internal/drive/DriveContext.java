package io.github.docuelevate.onedrive.internal.drive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.UnexpectedResponseException;
import io.github.docuelevate.onedrive.internal.path.OneDrivePathRules;
import io.github.docuelevate.onedrive.internal.transport.GraphRequest;
import io.github.docuelevate.onedrive.internal.transport.GraphTransport;
import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The drive one integration works on, addressed by id once resolved, so delegated and app-only
 * integrations share the same addresses ({@code /drives/{id}/...}). Thread-safe; the id is looked
 * up once, on first use.
 */
public final class DriveContext {
  private final GraphTransport transport;
  private final String drivePath;
  private volatile @Nullable Resolved resolved;

  /** The drive's id and type, as Graph reported them. */
  private record Resolved(String id, @Nullable String type) {}

  /**
   * Creates the context.
   *
   * @param transport the integration's transport
   * @param drivePath the Graph path of the drive as the account type addresses it, e.g. {@code
   *     /me/drive}, {@code /users/alice@contoso.com/drive}, {@code /drives/b!x} or {@code
   *     /sites/x/drive}, ids percent-encoded
   */
  public DriveContext(GraphTransport transport, String drivePath) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.drivePath = Objects.requireNonNull(drivePath, "drivePath");
  }

  /** Returns the transport. */
  public GraphTransport transport() {
    return transport;
  }

  /**
   * Returns the drive's id, asking Graph once ({@code GET {drivePath}?$select=id,driveType}).
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
    Resolved known = resolved;
    if (known == null) {
      synchronized (this) {
        known = resolved;
        if (known == null) {
          JsonNode drive =
              transport.json(
                  GraphRequest.get(uri(drivePath + "?$select=id,driveType"), "resolve the drive"));
          String id = drive.path("id").asText("");
          if (id.isEmpty()) {
            throw new UnexpectedResponseException(
                "resolve the drive failed: Graph sent no drive id");
          }
          String type = drive.path("driveType").asText("");
          known = new Resolved(id, type.isEmpty() ? null : type);
          resolved = known;
        }
      }
    }
    return known;
  }

  /** Returns {@code /drives/{id}} of this drive. */
  public String drive() {
    return "/drives/" + DrivePath.encodeSegment(driveId());
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
