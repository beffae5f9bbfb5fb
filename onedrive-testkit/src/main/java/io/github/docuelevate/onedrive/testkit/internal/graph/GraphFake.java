package io.github.docuelevate.onedrive.testkit.internal.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.internal.path.OneDrivePathRules;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import io.github.docuelevate.onedrive.testkit.FakeUserProfile;
import io.github.docuelevate.onedrive.testkit.internal.http.AccessTokenInfo;
import io.github.docuelevate.onedrive.testkit.internal.http.AccessTokenValidator;
import io.github.docuelevate.onedrive.testkit.internal.http.BodyFault;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeHttpServer;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake Microsoft Graph drive API ({@code /v1.0/...}), its pre-authenticated upload-session and
 * download URLs, and the {@link FakeDrives} view tests seed and inspect drives through. File
 * contents live under the content directory, never whole in the heap.
 */
public final class GraphFake implements FakeService {
  /** Where upload-session URLs point (pre-authenticated: no Authorization header). */
  public static final String UPLOAD_PREFIX = "/graph-upload/";

  /**
   * The path prefixes of pre-authenticated URLs: the rest of such a path (an upload session id, a
   * signed download token) is a credential.
   */
  public static final List<String> PRE_AUTHENTICATED_PREFIXES =
      List.of(UPLOAD_PREFIX, ItemJson.DOWNLOAD_PREFIX);

  /** Fragments must be smaller than this (60 MiB). */
  static final long MAX_FRAGMENT = 60L * 1024 * 1024;

  /** Every fragment but the last is a multiple of this (320 KiB). */
  static final long FRAGMENT_UNIT = 320L * 1024;

  /** The largest simple upload ({@code PUT .../content}) the fake takes: 250 MiB. */
  static final long MAX_SIMPLE_UPLOAD = 250L * 1024 * 1024;

  /** Children pages hold this many items unless {@code $top} says otherwise. */
  static final int DEFAULT_PAGE = 200;

  /**
   * The largest children page served: a larger {@code $top} gets pages of this size and a next link
   * (the OneDrive team gives 1000 as the limit; clients must follow next links anyway).
   */
  static final int MAX_PAGE = 1000;

  static final Duration UPLOAD_SESSION_LIFETIME = Duration.ofHours(1);

  private static final Logger LOG = LoggerFactory.getLogger(GraphFake.class);
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private static final int MAX_JSON_BODY = 1024 * 1024;

  private final Clock clock;
  private final GraphAuth auth;
  private final UserDirectory users;
  private final ContentFiles files;
  private final DriveStore store;
  private final SignedTokens tokens = new SignedTokens();
  private final ItemJson json;
  private final Map<String, UploadSession> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger uploadsToDamage = new AtomicInteger();
  private final FakeDrives drives;

  /**
   * Creates the fake.
   *
   * @param clock the time source for token expiry, upload sessions and timestamps
   * @param tokens finds the access tokens the fake identity platform issued
   * @param users maps {@code /users/{id|upn}} to user object ids
   * @param contentDir where file contents are written (created if missing)
   * @param keepContent whether file contents are kept at all (else only sizes and hashes)
   */
  public GraphFake(
      Clock clock,
      AccessTokenValidator tokens,
      UserDirectory users,
      Path contentDir,
      boolean keepContent) {
    this.clock = clock;
    this.auth = new GraphAuth(tokens);
    this.users = users;
    this.files = new ContentFiles(contentDir, keepContent);
    this.store = new DriveStore(clock, files);
    this.json = new ItemJson(store, this.tokens, users);
    this.drives = new FakeDrivesView(this, store, files);
  }

  /** Returns the view tests use to seed and inspect drives. */
  public FakeDrives drives() {
    return drives;
  }

  @Override
  public void register(FakeHttpServer server) {
    server.route("/v1.0/", this::api);
    server.route(UPLOAD_PREFIX, this::uploadUrl);
    server.route(ItemJson.DOWNLOAD_PREFIX, this::downloadUrl);
    server.route(DriveControlRoutes.PREFIX, new DriveControlRoutes(drives)::handle);
  }

  @Override
  public void reset() {
    for (UploadSession session : sessions.values()) {
      session.closed = true;
    }
    sessions.clear();
    uploadsToDamage.set(0);
    store.reset();
    files.clear();
  }

  // ------------------------------------------------------------------ /v1.0

  private void api(FakeExchange exchange) throws IOException {
    try {
      String raw = exchange.rawPath().substring("/v1.0".length());
      String decoded;
      try {
        decoded = FakeExchange.decodeSegment(raw);
      } catch (IllegalArgumentException e) {
        throw GraphError.invalidRequest("The path is not valid percent-encoding.");
      }
      AccessTokenInfo token = auth.authenticate(exchange.header("Authorization"), clock.instant());
      GraphPath path = GraphPath.parse(decoded);
      GraphPath.DriveBy by = path.drive();
      if (by == null) {
        directoryUser(exchange, path.driveKey(), token);
        return;
      }
      FakeDrive drive = resolveDrive(by, path.driveKey(), token);
      requireDriveAccess(token, drive);
      boolean own =
          drive.ownerKind == FakeDrive.OwnerKind.USER
              && drive.ownerId.equalsIgnoreCase(String.valueOf(token.userId()));
      String method = exchange.method();
      auth.requirePermission(token, !method.equals("GET") && !method.equals("HEAD"), own);
      route(exchange, drive, path);
    } catch (GraphError e) {
      answer(exchange, e, true);
    }
  }

  private void route(FakeExchange exchange, FakeDrive drive, GraphPath path) throws IOException {
    String method = exchange.method();
    if (path.itemId() == null) {
      requireMethod(method, "GET");
      Map<String, Object> body;
      synchronized (store) {
        body = json.drive(drive, exchange.serverBase());
      }
      exchange.respondJson(200, body);
      return;
    }
    switch (path.action()) {
      case "":
        switch (method) {
          case "GET":
            getItem(exchange, drive, path);
            return;
          case "PATCH":
            patchItem(exchange, drive, path);
            return;
          case "DELETE":
            deleteItem(exchange, drive, path);
            return;
          default:
            throw methodNotAllowed(method);
        }
      case "children":
        if (method.equals("GET")) {
          listChildren(exchange, drive, path);
        } else if (method.equals("POST")) {
          createFolder(exchange, drive, path);
        } else {
          throw methodNotAllowed(method);
        }
        return;
      case "content":
        if (method.equals("GET")) {
          redirectToDownload(exchange, drive, path);
        } else if (method.equals("PUT")) {
          simpleUpload(exchange, drive, path);
        } else {
          throw methodNotAllowed(method);
        }
        return;
      case "createUploadSession":
        requireMethod(method, "POST");
        createUploadSession(exchange, drive, path);
        return;
      case "delta":
        requireMethod(method, "GET");
        delta(exchange, drive, path);
        return;
      default:
        throw GraphError.invalidRequest("Unsupported segment " + path.action());
    }
  }

  /** {@code GET /me} (key "") and {@code GET /users/{id|upn}}: Graph's user resource. */
  private void directoryUser(FakeExchange exchange, String key, AccessTokenInfo token)
      throws IOException {
    String objectId;
    if (key.isEmpty()) {
      objectId = token.userId();
      if (objectId == null) {
        throw meNeedsUser();
      }
    } else {
      objectId =
          users
              .objectId(key)
              .orElseThrow(
                  () ->
                      new GraphError(
                          404,
                          "Request_ResourceNotFound",
                          "Resource '"
                              + key
                              + "' does not exist or one of its queried reference-property objects"
                              + " are not present."));
    }
    requireMethod(exchange.method(), "GET");
    String id = objectId;
    FakeUserProfile profile =
        users
            .profile(objectId)
            .orElseGet(
                () ->
                    new FakeUserProfile(
                        id, id, id, null, null, null, null, null, null, List.of(), null));
    exchange.respondJson(
        200,
        UserJson.render(profile, exchange.serverBase() + "/v1.0", exchange.query().get("$select")));
  }

  private FakeDrive resolveDrive(GraphPath.DriveBy by, String key, AccessTokenInfo token) {
    switch (by) {
      case ME:
        String userId = token.userId();
        if (userId == null) {
          throw meNeedsUser();
        }
        return userDrive(userId);
      case USER:
        String objectId = users.objectId(key).orElseThrow(() -> GraphError.notFound("user " + key));
        return userDrive(objectId);
      case SITE:
        FakeDrive site = store.siteDriveIfExists(key);
        if (site == null) {
          throw GraphError.notFound("site " + key);
        }
        return site;
      case ID:
      default:
        return store.requireDrive(key);
    }
  }

  /**
   * Refuses a token on a user's drive it cannot reach, as Graph does: a delegated token reaches its
   * own user's drive only (sharing is not modelled), an app-only token every user drive of its
   * tenant and none of another tenant. Site drives are reached by any token with the permission.
   */
  private void requireDriveAccess(AccessTokenInfo token, FakeDrive drive) {
    if (drive.ownerKind != FakeDrive.OwnerKind.USER) {
      return;
    }
    boolean reachable =
        token.appOnly()
            ? users.tenantId(drive.ownerId).map(token.tenantId()::equalsIgnoreCase).orElse(false)
            : drive.ownerId.equalsIgnoreCase(String.valueOf(token.userId()));
    if (!reachable) {
      throw GraphAuth.accessDenied();
    }
  }

  /**
   * An app-only token has no signed-in user. Graph's answers here have varied (400 {@code
   * BadRequest}, 401 and 403 have all been reported); the fake answers 403, which a client must not
   * retry and must not treat as an expired token.
   */
  /** Returns a user's drive, created on first use with the user's kind of account. */
  FakeDrive userDrive(String userObjectId) {
    return store.userDrive(userObjectId, users.personal(userObjectId));
  }

  private static GraphError meNeedsUser() {
    return new GraphError(
        403, "accessDenied", "/me request is only valid with delegated authentication flow.");
  }

  private FakeItem locate(FakeDrive drive, GraphPath path) {
    synchronized (store) {
      FakeItem base = store.item(drive, requireItemId(path));
      return path.names().isEmpty() ? base : store.resolve(drive, base, path.names());
    }
  }

  private static String requireItemId(GraphPath path) {
    String id = path.itemId();
    if (id == null) {
      throw GraphError.invalidRequest("No item addressed.");
    }
    return id;
  }

  // ------------------------------------------------------------------ items

  private void getItem(FakeExchange exchange, FakeDrive drive, GraphPath path) throws IOException {
    Map<String, Object> body;
    synchronized (store) {
      FakeItem item = locate(drive, path);
      body = new LinkedHashMap<>(json.item(drive, item, exchange.serverBase(), select(exchange)));
      if (item.folder && expandsChildren(exchange.query().get("$expand"))) {
        List<FakeItem> children = new ArrayList<>(item.childList());
        children.sort(orderBy(null));
        List<Map<String, Object>> values = new ArrayList<>();
        for (FakeItem child : children.subList(0, Math.min(children.size(), DEFAULT_PAGE))) {
          values.add(json.item(drive, child, exchange.serverBase(), null));
        }
        body.put("children", values);
      }
    }
    exchange.respondJson(200, body);
  }

  /**
   * Whether {@code $expand} asks for {@code children} (options in parentheses are not applied);
   * other expansions are ignored. At most one page of children is expanded, as Graph does.
   */
  private static boolean expandsChildren(@Nullable String expand) {
    if (expand == null) {
      return false;
    }
    for (String part : expand.split(",(?![^(]*\\))")) {
      String name = part.trim();
      int paren = name.indexOf('(');
      if ((paren < 0 ? name : name.substring(0, paren)).trim().equals("children")) {
        return true;
      }
    }
    return false;
  }

  private void deleteItem(FakeExchange exchange, FakeDrive drive, GraphPath path)
      throws IOException {
    synchronized (store) {
      FakeItem item = locate(drive, path);
      requireIfMatch(exchange, item);
      store.delete(drive, item);
    }
    exchange.respond(204, new byte[0]);
  }

  private void patchItem(FakeExchange exchange, FakeDrive drive, GraphPath path)
      throws IOException {
    JsonNode body = readJson(exchange);
    Conflict conflict =
        Conflict.parse(
            text(
                body,
                "@microsoft.graph.conflictBehavior",
                exchange.query().get("@microsoft.graph.conflictBehavior")),
            Conflict.FAIL);
    String newName = text(body, "name", null);
    Instant fsCreated = instant(body.path("fileSystemInfo"), "createdDateTime");
    Instant fsModified = instant(body.path("fileSystemInfo"), "lastModifiedDateTime");
    Map<String, Object> answer;
    synchronized (store) {
      FakeItem item = locate(drive, path);
      requireIfMatch(exchange, item);
      FakeItem newParent = null;
      JsonNode parentRef = body.path("parentReference");
      if (parentRef.isObject()) {
        String driveId = text(parentRef, "driveId", null);
        if (driveId != null && !driveId.equals(drive.id)) {
          throw GraphError.invalidRequest("Moving items between drives is not supported.");
        }
        String parentId = text(parentRef, "id", null);
        String parentPath = text(parentRef, "path", null);
        if (parentId != null) {
          newParent = store.item(drive, parentId);
        } else if (parentPath != null) {
          newParent = store.resolve(drive, drive.root, namesOfReferencePath(parentPath));
        }
      }
      FakeItem updated =
          store.update(drive, item, newName, newParent, conflict, fsCreated, fsModified);
      answer = json.item(drive, updated, exchange.serverBase(), null);
    }
    exchange.respondJson(200, answer);
  }

  /**
   * Refuses a change with an {@code If-Match} header that names neither the item's current {@code
   * eTag} nor {@code *}: 412 {@code resourceModified}, as Graph answers a client that read an older
   * version.
   */
  private static void requireIfMatch(FakeExchange exchange, FakeItem item) {
    String ifMatch = exchange.header("If-Match");
    if (ifMatch == null || ifMatch.isBlank()) {
      return;
    }
    // Graph's eTags hold a comma ("{id},version"), so the header is one tag, not a list.
    String tag = ifMatch.trim();
    String current = ItemJson.eTag(item);
    if (tag.equals("*") || tag.equals(current) || ("\"" + tag + "\"").equals(current)) {
      return;
    }
    throw new GraphError(
        412,
        "resourceModified",
        "The resource has changed since the caller last read it (eTag mismatch).");
  }

  /** Reads {@code /drive/root:/a/b} or {@code /drives/{id}/root:/a/b}. */
  private static List<String> namesOfReferencePath(String referencePath) {
    int colon = referencePath.indexOf("root:");
    if (colon < 0) {
      throw GraphError.invalidRequest("parentReference.path must look like /drive/root:/folder");
    }
    return OneDrivePathRules.split(referencePath.substring(colon + "root:".length()));
  }

  private void createFolder(FakeExchange exchange, FakeDrive drive, GraphPath path)
      throws IOException {
    JsonNode body = readJson(exchange);
    String name = text(body, "name", null);
    if (name == null) {
      throw GraphError.invalidRequest("The request body must name the new item.");
    }
    if (!body.has("folder")) {
      throw GraphError.invalidRequest(
          "Only folders are created here; upload files with PUT .../content or an upload session.");
    }
    Conflict conflict =
        Conflict.parse(
            text(
                body,
                "@microsoft.graph.conflictBehavior",
                exchange.query().get("@microsoft.graph.conflictBehavior")),
            Conflict.FAIL);
    Map<String, Object> answer;
    synchronized (store) {
      FakeItem parent = locate(drive, path);
      DriveStore.Outcome outcome = store.createFolder(drive, parent, name, conflict);
      answer = json.item(drive, outcome.item(), exchange.serverBase(), null);
    }
    exchange.respondJson(201, answer);
  }

  private void listChildren(FakeExchange exchange, FakeDrive drive, GraphPath path)
      throws IOException {
    Map<String, String> query = exchange.query();
    int top = Math.min(positiveInt(query.get("$top"), DEFAULT_PAGE, "$top"), MAX_PAGE);
    String orderBy = query.get("$orderby");
    Comparator<FakeItem> order = orderBy(orderBy);
    boolean byName = orderBy == null || orderBy.isBlank();
    String filter = query.get("$filter");
    Boolean foldersOnly = filter(filter);
    String skipToken = query.get("$skiptoken");
    if (skipToken == null) {
      skipToken = query.get("$skipToken");
    }
    // A continuation names the last item sent (and its place, for orders other than by name), so
    // moving or deleting items between pages neither skips nor repeats the ones after it.
    List<String> after = null;
    if (skipToken != null) {
      after =
          tokens
              .verify(skipToken)
              .filter(f -> f.size() == 4 && f.get(0).equals("sk"))
              .orElseThrow(() -> GraphError.invalidRequest("Invalid $skiptoken."));
    }
    Set<String> select = select(exchange);
    Map<String, Object> body = new LinkedHashMap<>();
    synchronized (store) {
      FakeItem folder = locate(drive, path);
      List<FakeItem> children = new ArrayList<>();
      for (FakeItem child : folder.childList()) {
        if (foldersOnly == null || child.folder == foldersOnly) {
          children.add(child);
        }
      }
      children.sort(order);
      int start = after == null ? 0 : continueAt(children, after, byName);
      List<Map<String, Object>> values = new ArrayList<>();
      int end = Math.min(children.size(), start + top);
      for (int i = start; i < end; i++) {
        values.add(json.item(drive, children.get(i), exchange.serverBase(), select));
      }
      body.put("value", values);
      if (end < children.size()) {
        FakeItem last = children.get(end - 1);
        Map<String, String> next = new LinkedHashMap<>(query);
        next.remove("$skipToken");
        next.put(
            "$skiptoken",
            tokens.sign("sk", Integer.toString(end), last.id, FakeItem.key(last.name)));
        body.put("@odata.nextLink", link(exchange, next));
      }
    }
    exchange.respondJson(200, body);
  }

  /**
   * Where the page after {@code after} ({@code sk}, offset, last id, last name key) starts: after
   * the last item's name and id when sorted by name, else after the last item if it is still there,
   * else at the old offset.
   */
  private static int continueAt(List<FakeItem> children, List<String> after, boolean byName) {
    String lastId = after.get(2);
    if (byName) {
      String lastKey = after.get(3);
      int i = 0;
      while (i < children.size()) {
        FakeItem child = children.get(i);
        int c = FakeItem.key(child.name).compareTo(lastKey);
        if (c > 0 || (c == 0 && child.id.compareTo(lastId) > 0)) {
          break;
        }
        i++;
      }
      return i;
    }
    for (int i = 0; i < children.size(); i++) {
      if (children.get(i).id.equals(lastId)) {
        return i + 1;
      }
    }
    return Math.min(children.size(), Integer.parseInt(after.get(1)));
  }

  private static Comparator<FakeItem> orderBy(@Nullable String value) {
    Comparator<FakeItem> byName =
        Comparator.comparing((FakeItem i) -> FakeItem.key(i.name)).thenComparing(i -> i.id);
    if (value == null || value.isBlank()) {
      return byName;
    }
    String[] parts = value.trim().split("\\s+");
    if (parts.length > 2) {
      throw GraphError.invalidRequest("Unsupported $orderby: " + value);
    }
    Comparator<FakeItem> order;
    switch (parts[0]) {
      case "name":
        order = byName;
        break;
      case "lastModifiedDateTime":
        order = Comparator.comparing((FakeItem i) -> i.modified).thenComparing(byName);
        break;
      case "size":
        order = Comparator.comparingLong((FakeItem i) -> i.size).thenComparing(byName);
        break;
      default:
        throw GraphError.invalidRequest("Unsupported $orderby property: " + parts[0]);
    }
    if (parts.length == 2) {
      String direction = parts[1].toLowerCase(Locale.ROOT);
      if (direction.equals("desc")) {
        return order.reversed();
      }
      if (!direction.equals("asc")) {
        throw GraphError.invalidRequest("Unsupported $orderby direction: " + parts[1]);
      }
    }
    return order;
  }

  /** Returns TRUE for {@code folder ne null}, FALSE for {@code file ne null}, null for none. */
  private static @Nullable Boolean filter(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String normalised = value.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    if (normalised.equals("folder ne null")) {
      return Boolean.TRUE;
    }
    if (normalised.equals("file ne null")) {
      return Boolean.FALSE;
    }
    throw GraphError.invalidRequest("Invalid filter clause: " + value);
  }

  // ------------------------------------------------------------------ simple upload and download

  private void redirectToDownload(FakeExchange exchange, FakeDrive drive, GraphPath path)
      throws IOException {
    String url;
    synchronized (store) {
      FakeItem item = locate(drive, path);
      if (item.folder) {
        throw new GraphError(400, "invalidRequest", "A folder has no content to download.");
      }
      url = json.downloadUrl(drive, item, exchange.serverBase());
    }
    exchange.redirect(302, url);
  }

  private void simpleUpload(FakeExchange exchange, FakeDrive drive, GraphPath path)
      throws IOException {
    Conflict conflict =
        Conflict.parse(exchange.query().get("@microsoft.graph.conflictBehavior"), Conflict.REPLACE);
    Target target = uploadTarget(drive, path, conflict);
    long length = exchange.contentLength();
    if (length > MAX_SIMPLE_UPLOAD) {
      throw new GraphError(
          413, "invalidRequest", "Simple uploads take at most " + MAX_SIMPLE_UPLOAD + " bytes.");
    }
    synchronized (store) {
      if (length > drive.remaining() + target.replacedSize(store, drive)) {
        throw GraphError.quota();
      }
    }
    BodyFault fault = exchange.bodyFault();
    if (fault != null && fault.kind() == BodyFault.Kind.RESET_MID_BODY) {
      discardThenReset(exchange, fault.afterBytes());
      return;
    }
    ContentFiles.Staged staged =
        files.stage(exchange.body(), MAX_SIMPLE_UPLOAD, drive.reportsSha1());
    Map<String, Object> answer;
    DriveStore.Outcome outcome;
    try {
      synchronized (store) {
        outcome = commit(drive, target, conflict, staged, null, null);
        answer = json.item(drive, outcome.item(), exchange.serverBase(), null);
      }
    } catch (RuntimeException e) {
      files.discard(staged.file());
      throw e;
    }
    exchange.respondJson(outcome.created() ? 201 : 200, answer);
  }

  /**
   * Where an upload goes: an existing file addressed by id ({@code items/{id}/content}), or a
   * parent (by id or path; missing folders are created at commit) and a name.
   */
  private record Target(@Nullable String fileId, String baseId, List<String> folders, String name) {
    long replacedSize(DriveStore store, FakeDrive drive) {
      synchronized (store) {
        FakeItem existing = null;
        if (fileId != null) {
          existing = drive.item(fileId);
        } else {
          try {
            List<String> all = new ArrayList<>(folders);
            all.add(name);
            existing = store.resolve(drive, store.item(drive, baseId), all);
          } catch (GraphError e) {
            existing = null;
          }
        }
        return existing == null || existing.folder ? 0 : existing.size;
      }
    }
  }

  private Target uploadTarget(FakeDrive drive, GraphPath path, Conflict conflict) {
    synchronized (store) {
      FakeItem base = store.item(drive, requireItemId(path));
      if (path.names().isEmpty()) {
        if (base.folder) {
          throw GraphError.invalidRequest("Name the file to upload: .../items/{parent-id}:/name:");
        }
        return new Target(base.id, base.id, List.of(), base.name);
      }
      List<String> names = path.names();
      for (String name : names) {
        OneDrivePathRules.checkName(name)
            .ifPresent(
                v -> {
                  throw new GraphError(400, OneDrivePathRules.GRAPH_ERROR_CODE, v.message());
                });
      }
      Target target =
          new Target(
              null, base.id, names.subList(0, names.size() - 1), names.get(names.size() - 1));
      if (conflict == Conflict.FAIL) {
        try {
          store.resolve(drive, base, names);
          throw GraphError.nameAlreadyExists(target.name());
        } catch (GraphError e) {
          if (e.status != 404) {
            throw e;
          }
        }
      }
      return target;
    }
  }

  private DriveStore.Outcome commit(
      FakeDrive drive,
      Target target,
      Conflict conflict,
      ContentFiles.Staged staged,
      @Nullable Instant fsCreated,
      @Nullable Instant fsModified) {
    boolean damage = staged.size() > 0 && uploadsToDamage.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    boolean committed = false;
    try {
      ContentFiles.Staged stored = damage ? damaged(staged, target) : staged;
      DriveStore.Outcome outcome;
      String fileId = target.fileId();
      if (fileId != null) {
        FakeItem file = store.item(drive, fileId);
        FakeItem parent = store.item(drive, file.parentIdOrRoot());
        outcome =
            store.commitFile(
                drive, parent, file.name, Conflict.REPLACE, stored, fsCreated, fsModified, file);
      } else {
        FakeItem base = store.item(drive, target.baseId());
        FakeItem parent = store.ensureFolders(drive, base, target.folders());
        outcome =
            store.commitFile(
                drive, parent, target.name(), conflict, stored, fsCreated, fsModified, null);
      }
      committed = true;
      return outcome;
    } finally {
      if (damage && !committed) {
        // A refused upload does not use up the damage the test asked for.
        uploadsToDamage.incrementAndGet();
      }
    }
  }

  private static ContentFiles.Staged damaged(ContentFiles.Staged staged, Target target) {
    try {
      ContentFiles.Staged changed = ContentFiles.damage(staged);
      LOG.debug("stored a damaged copy of an upload to {}", target.name());
      return changed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot damage the uploaded bytes", e);
    }
  }

  private void downloadUrl(FakeExchange exchange) throws IOException {
    try {
      requireNoAuthorization(exchange);
      requireMethod(exchange.method(), "GET");
      String token = exchange.rawPath().substring(ItemJson.DOWNLOAD_PREFIX.length());
      List<String> fields =
          tokens
              .verify(token)
              .filter(f -> f.size() == 4 && f.get(0).equals("dl"))
              .orElseThrow(() -> GraphError.notFound("download"));
      if (!clock.instant().isBefore(Instant.ofEpochMilli(Long.parseLong(fields.get(3))))) {
        throw new GraphError(401, "unauthenticated", "The download URL has expired.");
      }
      Path content;
      long size;
      String eTag;
      synchronized (store) {
        FakeDrive drive = store.requireDrive(fields.get(1));
        FakeItem item = store.item(drive, fields.get(2));
        if (!item.folder && !files.keepsContent()) {
          throw contentNotKept(item.name);
        }
        Path file = item.content;
        if (item.folder || file == null) {
          throw GraphError.notFound("content of " + item.id);
        }
        content = file;
        size = item.size;
        eTag = ItemJson.eTag(item);
      }
      exchange.responseHeader("ETag", eTag);
      serveRange(exchange, content, size, rangeApplies(exchange.header("If-Range"), eTag));
    } catch (GraphError e) {
      answer(exchange, e, false);
    }
  }

  /**
   * Whether a {@code Range} header applies under the request's {@code If-Range} (RFC 9110 13.1.5):
   * always without one; with one, only when it is the current entity-tag, compared strongly (a weak
   * tag or a date never matches: the fake sends no {@code Last-Modified}). Otherwise the whole
   * current content is sent with {@code 200}, so a client resuming a file that changed meanwhile
   * starts over instead of splicing two versions.
   */
  static boolean rangeApplies(@Nullable String ifRange, String eTag) {
    return ifRange == null || ifRange.trim().equals(eTag);
  }

  private static void serveRange(
      FakeExchange exchange, Path content, long size, boolean rangeApplies) throws IOException {
    long start = 0;
    long end = size - 1;
    int status = 200;
    String range = rangeApplies ? exchange.header("Range") : null;
    if (range != null) {
      Matcher m = RANGE.matcher(range.trim());
      if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
        if (m.group(1).isEmpty()) {
          long suffix = Long.parseLong(m.group(2));
          start = Math.max(0, size - suffix);
        } else {
          start = Long.parseLong(m.group(1));
          end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
        }
        if (start >= size || start > end || (m.group(1).isEmpty() && m.group(2).equals("0"))) {
          exchange.responseHeader("Content-Range", "bytes */" + size);
          exchange.respondGraphError(
              416, "invalidRange", "The requested range cannot be satisfied.");
          return;
        }
        status = 206;
        exchange.responseHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
      }
    }
    long length = size == 0 ? 0 : end - start + 1;
    exchange.responseHeader("Accept-Ranges", "bytes");
    exchange.responseHeader("Content-Type", "application/octet-stream");
    BodyFault fault = exchange.bodyFault();
    long cut =
        fault != null && fault.kind() == BodyFault.Kind.RESET_MID_RESPONSE
            ? Math.min(fault.afterBytes(), length)
            : -1;
    try (InputStream in = Files.newInputStream(content);
        OutputStream out = exchange.respondStreaming(status, length)) {
      in.skipNBytes(start);
      byte[] buffer = new byte[ContentFiles.BUFFER];
      long left = cut >= 0 ? cut : length;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        left -= n;
      }
      if (cut >= 0 && cut < length) {
        out.flush();
        // Leave with the body incomplete: the client gets no more bytes and no end.
        throw new IOException("injected fault: connection dropped after " + cut + " bytes");
      }
    }
  }

  // ------------------------------------------------------------------ upload sessions

  private void createUploadSession(FakeExchange exchange, FakeDrive drive, GraphPath path)
      throws IOException {
    JsonNode item = readJson(exchange).path("item");
    Conflict conflict =
        Conflict.parse(text(item, "@microsoft.graph.conflictBehavior", null), Conflict.FAIL);
    Instant fsCreated = instant(item.path("fileSystemInfo"), "createdDateTime");
    Instant fsModified = instant(item.path("fileSystemInfo"), "lastModifiedDateTime");
    Target target = uploadTarget(drive, path, conflict);
    String id = UUID.randomUUID().toString().replace("-", "");
    Instant expiry = clock.instant().plus(UPLOAD_SESSION_LIFETIME);
    UploadSession session =
        new UploadSession(
            id,
            drive.id,
            target.baseId(),
            target.folders(),
            target.name(),
            target.fileId() == null ? conflict : Conflict.REPLACE,
            target.fileId(),
            fsCreated,
            fsModified,
            files.newStagingFile(),
            drive.reportsSha1(),
            expiry);
    sessions.put(id, session);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("uploadUrl", exchange.preAuthenticatedBase() + UPLOAD_PREFIX + id);
    body.put("expirationDateTime", expiry.toString());
    body.put("nextExpectedRanges", session.nextExpectedRanges());
    exchange.respondJson(200, body);
  }

  private void uploadUrl(FakeExchange exchange) throws IOException {
    boolean hasBody = exchange.method().equals("PUT");
    try {
      requireNoAuthorization(exchange);
      String id = exchange.rawPath().substring(UPLOAD_PREFIX.length());
      UploadSession session = liveSession(id);
      switch (exchange.method()) {
        case "GET":
          exchange.respondJson(200, status(session));
          return;
        case "DELETE":
          close(session);
          exchange.respond(204, new byte[0]);
          return;
        case "PUT":
          fragment(exchange, session);
          return;
        default:
          throw methodNotAllowed(exchange.method());
      }
    } catch (GraphError e) {
      answer(exchange, e, hasBody);
    }
  }

  private UploadSession liveSession(String id) {
    UploadSession session = sessions.get(id);
    if (session == null || session.closed) {
      throw GraphError.notFound("upload session");
    }
    if (!clock.instant().isBefore(session.expiry)) {
      close(session);
      throw GraphError.notFound("upload session (expired)");
    }
    return session;
  }

  private void close(UploadSession session) {
    session.closed = true;
    sessions.remove(session.id);
    session.lock.lock();
    try {
      files.discard(session.file);
    } finally {
      session.lock.unlock();
    }
  }

  private static Map<String, Object> status(UploadSession session) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("expirationDateTime", session.expiry.toString());
    body.put("nextExpectedRanges", session.nextExpectedRanges());
    return body;
  }

  private void fragment(FakeExchange exchange, UploadSession session) throws IOException {
    session.lock.lock();
    try {
      if (session.closed) {
        throw GraphError.notFound("upload session");
      }
      String header = exchange.header("Content-Range");
      Matcher m = header == null ? null : CONTENT_RANGE.matcher(header.trim());
      if (m == null || !m.matches()) {
        throw GraphError.invalidRequest(
            "Content-Range must read 'bytes start-end/total', got: " + header);
      }
      long start = Long.parseLong(m.group(1));
      long end = Long.parseLong(m.group(2));
      long total = Long.parseLong(m.group(3));
      long length = exchange.contentLength();
      if (length < 0) {
        throw new GraphError(411, "invalidRequest", "Content-Length is required.");
      }
      if (end < start || end >= total || length != end - start + 1) {
        throw new GraphError(
            400,
            "invalidRange",
            "Content-Range " + header + " does not match Content-Length " + length + ".");
      }
      if (session.total >= 0 && total != session.total) {
        throw new GraphError(
            400,
            "invalidRange",
            "The total size " + total + " differs from the earlier " + session.total + ".");
      }
      if (length >= MAX_FRAGMENT) {
        throw new GraphError(
            413, "invalidRequest", "A fragment must be smaller than 60 MiB, got " + length + ".");
      }
      if (end != total - 1 && length % FRAGMENT_UNIT != 0) {
        throw GraphError.invalidRequest(
            "Every fragment but the last must be a multiple of 320 KiB (327680 bytes); got "
                + length
                + ".");
      }
      if (start < session.received) {
        throw new GraphError(
            416,
            "invalidRange",
            "The fragment overlaps bytes already received; next expected: "
                + session.nextExpectedRanges());
      }
      if (start > session.received) {
        throw new GraphError(
            409,
            "invalidRange",
            "Fragments must arrive in order; next expected: " + session.nextExpectedRanges());
      }
      synchronized (store) {
        FakeDrive drive = store.requireDrive(session.driveId);
        long freed = 0;
        String targetId = session.targetItemId;
        if (targetId != null) {
          FakeItem existing = drive.item(targetId);
          freed = existing == null ? 0 : existing.size;
        }
        if (total - freed > drive.remaining()) {
          throw GraphError.quota();
        }
      }
      session.total = total;
      receive(exchange, session, start, length);
    } finally {
      session.lock.unlock();
    }
  }

  private void receive(FakeExchange exchange, UploadSession session, long start, long length)
      throws IOException {
    BodyFault fault = exchange.bodyFault();
    long keepLimit = length;
    long resetAt = -1;
    if (fault != null && fault.kind() == BodyFault.Kind.PARTIAL_ACCEPT) {
      keepLimit = Math.min(length, Math.max(0, fault.afterBytes()));
    } else if (fault != null && fault.kind() == BodyFault.Kind.RESET_MID_BODY) {
      resetAt = Math.max(0, fault.afterBytes());
      keepLimit = 0;
    }
    Hashers hashers = session.hashers.copy();
    InputStream in = exchange.body();
    byte[] buffer = new byte[ContentFiles.BUFFER];
    long read = 0;
    long kept = 0;
    Path file = session.file;
    try (FileChannel channel =
        file == null ? null : FileChannel.open(file, StandardOpenOption.WRITE)) {
      truncate(channel, start);
      while (read < length) {
        int want = (int) Math.min(buffer.length, length - read);
        if (resetAt >= 0) {
          want = (int) Math.max(1, Math.min(want, resetAt - read));
        }
        int n;
        try {
          n = in.read(buffer, 0, want);
        } catch (IOException e) {
          truncate(channel, start);
          exchange.closeConnection();
          return;
        }
        if (n < 0) {
          truncate(channel, start);
          throw GraphError.invalidRequest("The body ended before Content-Length bytes.");
        }
        long keep = Math.min(n, keepLimit - kept);
        if (keep > 0) {
          hashers.update(buffer, 0, (int) keep);
          if (channel != null) {
            ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, (int) keep);
            while (bytes.hasRemaining()) {
              channel.write(bytes);
            }
          }
          kept += keep;
        }
        read += n;
        if (resetAt >= 0 && read >= resetAt) {
          break;
        }
      }
      if (resetAt >= 0) {
        truncate(channel, start);
        LOG.debug("upload session {}: connection reset after {} bytes", session.id, read);
        exchange.closeConnection();
        return;
      }
    }
    session.received = start + kept;
    session.hashers = hashers;
    session.expiry = clock.instant().plus(UPLOAD_SESSION_LIFETIME);
    if (fault != null && fault.kind() == BodyFault.Kind.PARTIAL_ACCEPT) {
      exchange.responseHeader("Retry-After", Integer.toString(fault.retryAfterSeconds()));
      exchange.respondGraphError(
          503, "serviceNotAvailable", "The service is temporarily unavailable; retry later.");
      return;
    }
    if (session.received < session.total) {
      exchange.respondJson(202, status(session));
      return;
    }
    complete(exchange, session);
  }

  /** Cuts a session's file back to {@code size} bytes and writes from there; null: none kept. */
  private static void truncate(@Nullable FileChannel channel, long size) throws IOException {
    if (channel != null) {
      channel.truncate(size);
      channel.position(size);
    }
  }

  private void complete(FakeExchange exchange, UploadSession session) throws IOException {
    ContentFiles.Staged staged =
        new ContentFiles.Staged(
            session.file,
            session.total,
            session.hashers.quickXorHash(),
            session.hashers.sha1Hash());
    Map<String, Object> answer;
    DriveStore.Outcome outcome;
    try {
      synchronized (store) {
        FakeDrive drive = store.requireDrive(session.driveId);
        Target target =
            new Target(session.targetItemId, session.baseItemId, session.folders, session.name);
        outcome =
            commit(drive, target, session.conflict, staged, session.fsCreated, session.fsModified);
        answer = json.item(drive, outcome.item(), exchange.serverBase(), null);
      }
    } finally {
      session.closed = true;
      sessions.remove(session.id);
    }
    exchange.respondJson(outcome.created() ? 201 : 200, answer);
  }

  boolean expireUploadSession(String uploadUrl) {
    int at = uploadUrl.indexOf(UPLOAD_PREFIX);
    String id = at < 0 ? uploadUrl : uploadUrl.substring(at + UPLOAD_PREFIX.length());
    UploadSession session = sessions.get(id);
    if (session == null) {
      return false;
    }
    session.expiry = clock.instant();
    return true;
  }

  /** Makes the next {@code count} non-empty uploads store their bytes with one byte changed. */
  void damageNextUploads(int count) {
    requireContentKept("damageNextUploads");
    uploadsToDamage.set(count);
  }

  /** Returns whether file contents are kept (else only sizes and hashes). */
  public boolean keepsContent() {
    return files.keepsContent();
  }

  /**
   * Refuses a test helper that needs file bytes on a fake that keeps none.
   *
   * @throws IllegalStateException when contents are not kept
   */
  void requireContentKept(String what) {
    if (!files.keepsContent()) {
      throw new IllegalStateException(
          what
              + " needs file contents, and this fake keeps only sizes and hashes; build it"
              + " without keepContent(false)");
    }
  }

  /** The answer to a download from a fake that keeps no file contents. */
  private static GraphError contentNotKept(String name) {
    return new GraphError(
        501,
        "notSupported",
        "This fake keeps the size and hashes of '"
            + name
            + "' but not its bytes (built with keepContent(false)); nothing can be downloaded.");
  }

  int openUploadSessions() {
    return sessions.size();
  }

  // ------------------------------------------------------------------ delta

  private void delta(FakeExchange exchange, FakeDrive drive, GraphPath path) throws IOException {
    Map<String, String> query = exchange.query();
    int top = positiveInt(query.get("$top"), DEFAULT_PAGE, "$top");
    Set<String> select = select(exchange);
    Instant now = clock.instant();
    Map<String, Object> body = new LinkedHashMap<>();
    synchronized (store) {
      FakeItem scope = locate(drive, path);
      if (!scope.folder) {
        throw GraphError.invalidRequest("delta works on folders only.");
      }
      String token = path.functionToken() != null ? path.functionToken() : query.get("token");
      String skip = query.get("$skiptoken");
      long from = 0;
      long to = drive.changeSeq;
      String after = "";
      if (skip != null) {
        List<String> f = deltaToken(skip, "dp", 6, drive, now, exchange);
        from = Long.parseLong(f.get(2));
        to = Long.parseLong(f.get(3));
        after = f.get(4);
      } else if (token != null && token.equals("latest")) {
        body.put("value", List.of());
        body.put("@odata.deltaLink", deltaLink(exchange, drive, to, now));
        exchange.respondJson(200, body);
        return;
      } else if (token != null) {
        List<String> f = deltaToken(token, "dt", 4, drive, now, exchange);
        from = Long.parseLong(f.get(2));
      }
      List<Map<String, Object>> values = new ArrayList<>();
      String last = null;
      boolean more = false;
      for (FakeItem item : drive.items.tailMap(after, false).values()) {
        if (item.changeSeq <= from || item.changeSeq > to) {
          continue;
        }
        if (item.deleted && from == 0) {
          continue;
        }
        if (!store.isWithin(drive, scope, item)) {
          continue;
        }
        if (values.size() == top) {
          more = true;
          break;
        }
        values.add(
            item.deleted
                ? json.deleted(drive, item)
                : json.deltaItem(drive, item, exchange.serverBase(), select));
        last = item.id;
      }
      body.put("value", values);
      if (more && last != null) {
        Map<String, String> next = new LinkedHashMap<>();
        if (query.containsKey("$top")) {
          next.put("$top", query.get("$top"));
        }
        if (query.containsKey("$select")) {
          next.put("$select", query.get("$select"));
        }
        next.put(
            "$skiptoken",
            tokens.sign(
                "dp",
                Integer.toString(drive.deltaEpoch),
                Long.toString(from),
                Long.toString(to),
                last,
                Long.toString(now.toEpochMilli())));
        body.put("@odata.nextLink", link(exchange, next));
      } else {
        body.put("@odata.deltaLink", deltaLink(exchange, drive, to, now));
      }
    }
    exchange.respondJson(200, body);
  }

  private List<String> deltaToken(
      String token, String kind, int fields, FakeDrive drive, Instant now, FakeExchange exchange) {
    List<String> f =
        tokens
            .verify(token)
            .filter(x -> x.size() == fields && x.get(0).equals(kind))
            .orElseThrow(() -> GraphError.invalidRequest("Invalid delta token."));
    int epoch = Integer.parseInt(f.get(1));
    Instant issued = Instant.ofEpochMilli(Long.parseLong(f.get(fields - 1)));
    if (epoch != drive.deltaEpoch || issued.plus(drive.deltaTokenLifetime).isBefore(now)) {
      throw new GraphError(
              410,
              "resyncRequired",
              "Resync required: the delta token is no longer valid. Start again without a token"
                  + " and reconcile what was already delivered.")
          .header("Location", link(exchange, Map.of()));
    }
    return f;
  }

  private String deltaLink(FakeExchange exchange, FakeDrive drive, long seq, Instant now) {
    return link(
        exchange,
        Map.of(
            "token",
            tokens.sign(
                "dt",
                Integer.toString(drive.deltaEpoch),
                Long.toString(seq),
                Long.toString(now.toEpochMilli()))));
  }

  // ------------------------------------------------------------------ helpers

  private static String link(FakeExchange exchange, Map<String, String> query) {
    StringBuilder url =
        new StringBuilder(exchange.serverBase())
            .append(GraphPath.withPlainDelta(exchange.rawPath()));
    char sep = '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      url.append(sep)
          .append(e.getKey())
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
      sep = '&';
    }
    return url.toString();
  }

  private static @Nullable Set<String> select(FakeExchange exchange) {
    String value = exchange.query().get("$select");
    if (value == null || value.isBlank()) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    for (String name : value.split(",")) {
      if (!name.isBlank()) {
        names.add(name.trim());
      }
    }
    return names;
  }

  private static int positiveInt(@Nullable String value, int fallback, String name) {
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw GraphError.invalidRequest("Invalid value for " + name + ": " + value);
  }

  private static JsonNode readJson(FakeExchange exchange) throws IOException {
    byte[] bytes = exchange.body().readNBytes(MAX_JSON_BODY + 1);
    if (bytes.length > MAX_JSON_BODY) {
      throw new GraphError(413, "invalidRequest", "The JSON body is too large.");
    }
    if (bytes.length == 0) {
      return FakeExchange.JSON.createObjectNode();
    }
    try {
      JsonNode node = FakeExchange.JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw GraphError.invalidRequest("The request body must be a JSON object.");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw GraphError.invalidRequest("The request body is not valid JSON.");
    }
  }

  private static @Nullable String text(JsonNode node, String field, @Nullable String fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw GraphError.invalidRequest(field + " must be a string.");
    }
    return value.asText();
  }

  private static @Nullable Instant instant(JsonNode node, String field) {
    String value = node.isObject() ? text(node, field, null) : null;
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e2) {
        throw GraphError.invalidRequest(field + " is not an ISO 8601 date-time: " + value);
      }
    }
  }

  private static void requireMethod(String method, String expected) {
    if (!method.equals(expected)) {
      throw methodNotAllowed(method);
    }
  }

  private static GraphError methodNotAllowed(String method) {
    return new GraphError(405, "invalidRequest", "Method " + method + " is not allowed here.");
  }

  private static void requireNoAuthorization(FakeExchange exchange) {
    if (exchange.header("Authorization") != null) {
      throw new GraphError(
          401,
          "unauthenticated",
          "This URL is pre-authenticated: send no Authorization header to it.");
    }
  }

  private static void discardThenReset(FakeExchange exchange, long afterBytes) {
    InputStream in = exchange.body();
    byte[] buffer = new byte[ContentFiles.BUFFER];
    long read = 0;
    try {
      while (read < afterBytes) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, afterBytes - read));
        if (n < 0) {
          break;
        }
        read += n;
      }
    } catch (IOException e) {
      // the client is gone already
    }
    exchange.closeConnection();
  }

  private static void answer(FakeExchange exchange, GraphError error, boolean drainBody)
      throws IOException {
    if (exchange.responded()) {
      return;
    }
    if (drainBody) {
      ContentFiles.drain(exchange.body());
    }
    error.headers.forEach(exchange::responseHeader);
    exchange.respondGraphError(error.status, error.code, String.valueOf(error.getMessage()));
  }
}
