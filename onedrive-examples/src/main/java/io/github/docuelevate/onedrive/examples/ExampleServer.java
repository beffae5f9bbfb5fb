package io.github.docuelevate.onedrive.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.AuthorizationException;
import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.EnvironmentExport;
import io.github.docuelevate.onedrive.IntegrationInfo;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationNotFoundException;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.ItemPage;
import io.github.docuelevate.onedrive.drive.ListOptions;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.drive.WatchStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example's web front end on the JDK's HTTP server. Every route that names an integration
 * addresses it as (signed-in user, id), so one user can never reach another's integration: a
 * foreign id is simply not found.
 */
final class ExampleServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExampleServer.class);
  private static final Pattern INTEGRATION_ROUTE =
      Pattern.compile("/integrations/([a-z0-9-]{1,40})/([a-z-]+)");
  private static final int FOLDER_PAGE_SIZE = 50;
  private static final int RECENT_DELIVERIES = 20;
  private static final String DESTINATION_PREFIX = "dest-";
  private static final String SOURCE_PREFIX = "src-";
  static final String WATCH_ID = "example";

  private final OneDrive oneDrive;
  private final Sessions sessions;
  private final UnaryOperator<URI> browserUrl;
  private final URI baseUri;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<IntegrationKey, Deque<Delivery>> deliveries = new ConcurrentHashMap<>();

  /**
   * A file a watch folder delivered.
   *
   * @param name the file's name
   * @param size its size
   * @param at when it was delivered
   */
  record Delivery(String name, long size, Instant at) {}

  /**
   * Starts the server.
   *
   * @param oneDrive the library
   * @param browserUrl turns an authorization URL into the one the browser opens (the identity for
   *     Microsoft; a host rewrite for the embedded fake)
   * @param port the port, 0 for a free one
   */
  ExampleServer(OneDrive oneDrive, UnaryOperator<URI> browserUrl, int port) throws IOException {
    this.oneDrive = oneDrive;
    this.browserUrl = browserUrl;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    this.baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    this.sessions = new Sessions(false);
    this.executor = Executors.newFixedThreadPool(8);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Returns the address the browser uses, e.g. {@code http://127.0.0.1:8090}. */
  URI baseUri() {
    return baseUri;
  }

  /** Returns the redirect URI registered for the app: the callback route. */
  URI redirectUri() {
    return baseUri.resolve("/onedrive-callback");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      securityHeaders(exchange);
      handleErrors(exchange);
    }
  }

  private void handleErrors(HttpExchange exchange) throws IOException {
    try {
      route(exchange);
    } catch (SignInRequired e) {
      redirect(exchange, "/login");
    } catch (NotFound e) {
      send(exchange, 404, page("Not found", null).text(e.getMessage()).end());
    } catch (Forbidden e) {
      send(exchange, 403, page("Forbidden", null).text(e.getMessage()).end());
    } catch (RuntimeException e) {
      // The path only: a query may carry a code.
      LOG.warn(
          "{} {} failed: {}",
          exchange.getRequestMethod(),
          exchange.getRequestURI().getPath(),
          e.toString());
      send(
          exchange,
          500,
          page("Something went wrong", null)
              .raw("<p class=\"error\">")
              .text(e.getMessage())
              .raw("</p>")
              .end());
    }
  }

  private static void securityHeaders(HttpExchange exchange) {
    var h = exchange.getResponseHeaders();
    h.set(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self' http: https:; frame-ancestors 'none'");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cache-Control", "no-store");
  }

  private void route(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    boolean post = method.equals("POST");
    if (path.startsWith("/static/")) {
      staticFile(ex, path.substring("/static/".length()));
      return;
    }
    switch (path) {
      case "/" -> redirect(ex, "/integrations");
      case "/login" -> {
        if (post) {
          login(ex);
        } else {
          send(ex, 200, loginPage(null));
        }
      }
      case "/logout" -> {
        requireCsrf(ex, session(ex), form(ex));
        sessions.end(ex);
        redirect(ex, "/login");
      }
      case "/onedrive-setup" -> setupPage(ex, session(ex), false);
      case "/onedrive-setup/start" -> startAuthorization(ex, session(ex));
      case "/onedrive-setup/reveal" -> {
        Sessions.Session s = session(ex);
        requireCsrf(ex, s, form(ex));
        requireAdmin(s);
        setupPage(ex, s, true);
      }
      case "/onedrive-callback" -> callback(ex);
      case "/integrations" -> dashboard(ex, session(ex));
      case "/integrations/new" -> {
        if (post) {
          createIntegration(ex, session(ex));
        } else {
          newIntegrationPage(ex, session(ex));
        }
      }
      default -> {
        Matcher m = INTEGRATION_ROUTE.matcher(path);
        if (!m.matches()) {
          throw new NotFound("No page at " + path);
        }
        Sessions.Session s = session(ex);
        IntegrationKey key = new IntegrationKey(s.user.name(), m.group(1));
        OneDriveIntegration integration = existing(key);
        switch (m.group(2)) {
          case "folders" -> folderBrowser(ex, s, integration);
          case "create-folder" -> createFolder(ex, s, integration);
          case "select-folder" -> selectFolder(ex, s, integration);
          case "upload" -> upload(ex, s, integration);
          case "poll" -> poll(ex, s, integration);
          case "check" -> check(ex, s, integration);
          case "disconnect" -> {
            requireCsrf(ex, s, form(ex));
            integration.disconnect();
            redirect(ex, "/integrations");
          }
          case "delete" -> {
            requireCsrf(ex, s, form(ex));
            oneDrive.deleteIntegration(key);
            deliveries.remove(key);
            redirect(ex, "/integrations");
          }
          default -> throw new NotFound("No page at " + path);
        }
      }
    }
  }

  // ---------------------------------------------------------------- sign-in

  private void login(HttpExchange ex) throws IOException {
    Map<String, String> form = form(ex);
    Optional<DemoUser> user =
        DemoUser.signIn(form.getOrDefault("username", ""), form.getOrDefault("password", ""));
    if (user.isEmpty()) {
      send(ex, 401, loginPage("Unknown user or wrong password."));
      return;
    }
    sessions.start(ex, user.get());
    redirect(ex, user.get().admin() ? "/onedrive-setup" : "/integrations");
  }

  private static String loginPage(@Nullable String error) {
    Html html = Html.page("Sign in", null, null);
    if (error != null) {
      html.raw("<p class=\"error\" id=\"error\">").text(error).raw("</p>");
    }
    html.raw("<form method=\"post\" action=\"/login\">")
        .raw(
            "<label>User <input id=\"username\" name=\"username\" autocomplete=\"username\"></label>")
        .raw("<label>Password <input id=\"password\" name=\"password\" type=\"password\"></label>")
        .raw("<button id=\"sign-in\">Sign in</button></form><p>Demo users:");
    for (DemoUser u : DemoUser.ALL) {
      html.raw(" <code>").text(u.name()).raw("</code>/<code>").text(u.password()).raw("</code>");
    }
    return html.raw("</p>").end();
  }

  private Sessions.Session session(HttpExchange ex) {
    return sessions.find(ex).orElseThrow(SignInRequired::new);
  }

  private static void requireAdmin(Sessions.Session s) {
    if (!s.user.admin()) {
      throw new Forbidden("Only an admin may do that.");
    }
  }

  private static void requireCsrf(HttpExchange ex, Sessions.Session s, Map<String, String> form) {
    if (!ex.getRequestMethod().equals("POST")) {
      throw new Forbidden("This action needs a form.");
    }
    String token = form.getOrDefault("csrf", ex.getRequestHeaders().getFirst("X-CSRF-Token"));
    if (!Sessions.constantTimeEquals(s.csrf, token)) {
      throw new Forbidden("The form has expired; reload the page.");
    }
  }

  // ---------------------------------------------------------------- setup wizard

  private void setupPage(HttpExchange ex, Sessions.Session s, boolean reveal) throws IOException {
    String id = query(ex).get("integration");
    if (id != null) {
      wizardForIntegration(ex, s, existing(new IntegrationKey(s.user.name(), id)));
      return;
    }
    requireAdmin(s);
    IntegrationInfo info = oneDrive.systemIntegration().info();
    Map<String, String> current =
        oneDrive
            .exportEnvironment(OneDrive.SYSTEM_INTEGRATION, EnvironmentExport.Secrets.OMIT)
            .variables();
    boolean entered = info.ownAppRegistration();
    Html html = page("OneDrive setup", s);
    html.raw(
            entered
                ? "<p>The app registration entered in this wizard. Its secret stays on the server.</p>"
                : "<p>The system app registration, as configured for this node. The secret stays on the server.</p>")
        .raw("<dl><dt>Client id</dt><dd id=\"client-id-current\">")
        .text(current.get(OneDriveConfig.ENV_CLIENT_ID))
        .raw("</dd><dt>Tenant</dt><dd id=\"tenant-current\">")
        .text(info.tenant())
        .raw("</dd><dt>Client secret</dt><dd>")
        .text(
            entered
                ? "entered (hidden)"
                : oneDrive.config().clientSecret() == null
                    ? "none (public client)"
                    : "configured (hidden)")
        .raw("</dd><dt>Status</dt><dd id=\"status\">")
        .text(statusText(info.status()))
        .raw("</dd></dl>");
    boolean connected = info.connected();
    html.form("/onedrive-setup/start")
        .hidden("csrf", s.csrf)
        .raw("<fieldset><legend>App registration</legend>")
        .raw(
            "<label><input type=\"radio\" name=\"credentials\" value=\"configured\" id=\"credentials-configured\"")
        .raw(entered ? "" : " checked")
        .raw(
            "> Configured (<code>ONEDRIVE_CLIENT_ID</code>, <code>ONEDRIVE_CLIENT_SECRET</code>, <code>ONEDRIVE_TENANT_ID</code>)</label>")
        .raw(
            "<label><input type=\"radio\" name=\"credentials\" value=\"entered\" id=\"credentials-entered\"")
        .raw(entered ? " checked" : "")
        .raw("> Entered here</label>")
        .raw(
            "<label>Client id <input id=\"client-id\" name=\"clientId\" autocomplete=\"off\"></label>")
        // Never pre-filled: a secret once sent to the server does not come back to the browser.
        .raw(
            "<label>Client secret <input id=\"client-secret\" name=\"clientSecret\" type=\"password\" autocomplete=\"new-password\"></label>")
        .raw(
            "<label>Tenant <input id=\"tenant\" name=\"tenant\" placeholder=\"common, organizations, consumers or a tenant id\"></label>")
        .raw(
            "<label>Account <select id=\"account-type\" name=\"accountType\"><option value=\"WORK_OR_SCHOOL\">Work or school</option>")
        .raw("<option value=\"PERSONAL\">Personal</option></select></label></fieldset>")
        .raw("<button id=\"start\">")
        .text(connected ? "Refresh Token" : "Start Authentication Flow")
        .raw("</button></form>");
    if (connected) {
      EnvironmentExport export =
          oneDrive.exportEnvironment(
              OneDrive.SYSTEM_INTEGRATION,
              reveal ? EnvironmentExport.Secrets.INCLUDE : EnvironmentExport.Secrets.OMIT);
      html.raw(
          "<h2>Worker node configuration</h2><p>Copy this block into every worker node's environment.</p><pre id=\"env-block\">");
      export
          .variables()
          .forEach(
              (name, value) ->
                  // A secret typed into this wizard is never sent back, not even on "Reveal".
                  html.text(name)
                      .raw("=")
                      .text(
                          entered && name.equals(OneDriveConfig.ENV_CLIENT_SECRET)
                              ? "******** (as entered)"
                              : value)
                      .raw("\n"));
      for (String omitted : export.omittedSecrets()) {
        html.text(omitted).raw("=********\n");
      }
      html.raw("</pre>");
      if (!reveal) {
        html.button("/onedrive-setup/reveal", s.csrf, "reveal", "Reveal secrets");
      }
    }
    send(ex, 200, html.end());
  }

  private void wizardForIntegration(
      HttpExchange ex, Sessions.Session s, OneDriveIntegration integration) throws IOException {
    IntegrationInfo info = integration.info();
    Html html = page("Authorize " + integration.key().integrationId(), s);
    html.raw("<dl><dt>Kind</dt><dd>")
        .text(kind(info.key()))
        .raw("</dd><dt>Account type</dt><dd>")
        .text(info.accountType().name())
        .raw("</dd><dt>Credentials</dt><dd id=\"credentials\">")
        .text(info.ownAppRegistration() ? "custom app registration" : "system app registration")
        .raw("</dd><dt>Tenant</dt><dd>")
        .text(info.tenant())
        .raw("</dd><dt>Status</dt><dd id=\"status\">")
        .text(statusText(info.status()))
        .raw("</dd></dl>");
    html.form("/onedrive-setup/start")
        .hidden("csrf", s.csrf)
        .hidden("integration", info.key().integrationId())
        .raw("<button id=\"start\">")
        .text(info.connected() ? "Re-Authorize" : "Start Authentication Flow")
        .raw("</button></form>");
    send(ex, 200, html.end());
  }

  private void startAuthorization(HttpExchange ex, Sessions.Session s) throws IOException {
    Map<String, String> form = form(ex);
    requireCsrf(ex, s, form);
    String id = form.get("integration");
    IntegrationKey key;
    if (id == null || id.isEmpty()) {
      requireAdmin(s);
      key = OneDrive.SYSTEM_INTEGRATION;
      String problem = chooseSystemAppRegistration(form);
      if (problem != null) {
        send(
            ex,
            400,
            page("OneDrive setup", s)
                .raw("<p class=\"error\" id=\"error\">")
                .text(problem)
                .raw("</p>")
                .link("/onedrive-setup", "back", "Back to the setup")
                .end());
        return;
      }
    } else {
      key = existing(new IntegrationKey(s.user.name(), id)).key();
    }
    AuthorizationRequest request = AuthorizationRequest.of(key, redirectUri());
    if (s.user.microsoftLogin() != null) {
      request = request.withLoginHint(s.user.microsoftLogin());
    }
    URI url = oneDrive.authorizationFlow().begin(request).authorizationUrl();
    s.beganAuthorization(key);
    redirect(ex, browserUrl.apply(url).toString());
  }

  /**
   * Applies the wizard's choice of app registration to the system integration: entered credentials
   * replace its record with one using them in one write, so values the library refuses leave the
   * old record working (a new authorization follows at once); going back to the configured
   * registration drops such a record, so the next step creates it from the configuration again.
   *
   * @return what is wrong with the entered values, or {@code null}
   */
  private @Nullable String chooseSystemAppRegistration(Map<String, String> form) {
    boolean wasEntered = oneDrive.systemIntegration().info().ownAppRegistration();
    if (!"entered".equals(form.get("credentials"))) {
      if (wasEntered) {
        oneDrive.deleteIntegration(OneDrive.SYSTEM_INTEGRATION);
      }
      return null;
    }
    String clientId = form.getOrDefault("clientId", "").trim();
    String secret = form.getOrDefault("clientSecret", "");
    String tenant = form.getOrDefault("tenant", "").trim();
    if (clientId.isEmpty()) {
      return "Entered credentials need a client id.";
    }
    AccountType type =
        "PERSONAL".equals(form.get("accountType"))
            ? AccountType.PERSONAL
            : AccountType.WORK_OR_SCHOOL;
    NewIntegration settings =
        NewIntegration.builder(OneDrive.SYSTEM_INTEGRATION, type)
            .tenant(tenant.isEmpty() ? "common" : tenant)
            .ownApp(clientId, secret.isEmpty() ? null : Secret.of(secret))
            .build();
    try {
      // One write: refused values leave the working record (and its refresh token) in place.
      oneDrive.replaceIntegration(settings);
      return null;
    } catch (OneDriveException | IllegalArgumentException | IllegalStateException e) {
      return e.getMessage();
    }
  }

  private void callback(HttpExchange ex) throws IOException {
    Map<String, String> params = query(ex);
    Optional<Sessions.Session> found = sessions.find(ex);
    if (params.containsKey("error")) {
      found.ifPresent(Sessions.Session::takePendingAuthorization);
      callbackError(ex, found.orElse(null), params.get("error"), params.get("error_description"));
      return;
    }
    Sessions.Session s = found.orElseThrow(SignInRequired::new);
    IntegrationKey pending = s.takePendingAuthorization();
    if (pending == null) {
      callbackError(
          ex,
          s,
          "no_pending_authorization",
          "This browser has no authorization in progress. Start again.");
      return;
    }
    try {
      OneDriveIntegration integration =
          oneDrive.authorizationFlow().complete(pending.owner(), params);
      // Redirect at once: the code must not stay in a URL the browser keeps.
      if (pending.equals(OneDrive.SYSTEM_INTEGRATION)) {
        redirect(ex, "/onedrive-setup");
      } else {
        redirect(ex, "/integrations/" + integration.key().integrationId() + "/folders");
      }
    } catch (AuthorizationException e) {
      callbackError(ex, s, e.error(), e.errorDescription());
    } catch (OneDriveException e) {
      callbackError(ex, s, "authorization_failed", e.getMessage());
    }
  }

  private void callbackError(
      HttpExchange ex,
      Sessions.@Nullable Session s,
      @Nullable String error,
      @Nullable String description)
      throws IOException {
    Html html = page("Authorization failed", s);
    html.raw(
            "<p>Microsoft did not authorize the app.</p><p class=\"error\"><code id=\"error-code\">")
        .text(error)
        .raw("</code> <span id=\"error-description\">")
        .text(description)
        .raw("</span></p>")
        .link("/integrations", "back", "Back to your integrations");
    send(ex, 400, html.end());
  }

  // ---------------------------------------------------------------- dashboard

  private void dashboard(HttpExchange ex, Sessions.Session s) throws IOException {
    Html html = page("Your integrations", s);
    html.raw("<p>")
        .link("/integrations/new?kind=destination", "add-destination", "+ Add Destination")
        .raw(" ")
        .link("/integrations/new?kind=source", "add-source", "+ Add Source")
        .raw("</p>");
    List<OneDriveIntegration> all = oneDrive.integrations(s.user.name());
    html.raw("<h2>Destinations</h2>");
    listIntegrations(html, s, all, DESTINATION_PREFIX);
    html.raw("<h2>Watch folders</h2>");
    listIntegrations(html, s, all, SOURCE_PREFIX);
    html.raw("<script src=\"/static/upload.js\"></script>");
    send(ex, 200, html.end());
  }

  private void listIntegrations(
      Html html, Sessions.Session s, List<OneDriveIntegration> all, String prefix) {
    int shown = 0;
    for (OneDriveIntegration integration : all) {
      String id = integration.key().integrationId();
      if (!id.startsWith(prefix)) {
        continue;
      }
      shown++;
      IntegrationInfo info = integration.info();
      String base = "/integrations/" + id;
      html.raw("<section class=\"integration\" id=\"")
          .text(id)
          .raw("\"><h3>")
          .text(id)
          .raw("</h3><p>Status: <b class=\"status\">")
          .text(statusText(info.status()))
          .raw("</b>");
      if (info.username() != null) {
        html.raw(" as ").text(info.username());
      }
      html.raw(" &middot; folder <code class=\"folder\">")
          .text(info.folderPath() == null ? "(none)" : "/" + info.folderPath())
          .raw("</code>");
      html.raw(" &middot; ")
          .text(info.ownAppRegistration() ? "custom credentials" : "system credentials")
          .raw("</p>");
      if (info.lastError() != null) {
        html.raw("<p class=\"error last-error\">Last error: ").text(info.lastError()).raw("</p>");
      }
      html.raw("<div class=\"actions\">");
      html.link(
          "/onedrive-setup?integration=" + id,
          "authorize-" + id,
          info.status() == IntegrationStatus.PENDING_AUTHORIZATION ? "Authorize" : "Re-Authorize");
      if (info.connected()) {
        html.raw(" ").link(base + "/folders", "folders-" + id, "Choose folder");
        html.button(base + "/check", s.csrf, "check-" + id, "Test connection");
      }
      if (info.status() != IntegrationStatus.DISCONNECTED
          && info.status() != IntegrationStatus.PENDING_AUTHORIZATION) {
        html.button(base + "/disconnect", s.csrf, "disconnect-" + id, "Disconnect");
      }
      html.button(base + "/delete", s.csrf, "delete-" + id, "Delete");
      html.raw("</div>");
      if (info.connected() && info.folderPath() != null) {
        if (prefix.equals(DESTINATION_PREFIX)) {
          html.raw("<div class=\"upload\"><input type=\"file\" id=\"file-")
              .text(id)
              .raw("\"> <button class=\"upload-button\" id=\"upload-")
              .text(id)
              .raw("\" data-url=\"")
              .text(base + "/upload")
              .raw("\" data-csrf=\"")
              .text(s.csrf)
              .raw("\" data-file=\"file-")
              .text(id)
              .raw(
                  "\">Upload</button> <progress max=\"100\" value=\"0\"></progress> <span class=\"upload-result\" id=\"upload-result-")
              .text(id)
              .raw("\"></span></div>");
        } else {
          watchSection(html, s, integration, info);
        }
      }
      html.raw("</section>");
    }
    if (shown == 0) {
      html.raw("<p class=\"empty\">None yet.</p>");
    }
  }

  private void watchSection(
      Html html, Sessions.Session s, OneDriveIntegration integration, IntegrationInfo info) {
    String id = integration.key().integrationId();
    WatchStatus status = watch(integration, info).status();
    html.raw("<p>Watch: <b class=\"watch-status\">")
        .text(status.healthy() ? "healthy" : "watch failing")
        .raw("</b>");
    if (status.lastError() != null) {
      html.raw(" <span class=\"error watch-error\">").text(status.lastError()).raw("</span>");
    }
    html.raw("</p>").button("/integrations/" + id + "/poll", s.csrf, "poll-" + id, "Poll now");
    html.raw("<h4>Recent deliveries</h4><ul class=\"deliveries\">");
    for (Delivery d : deliveries.getOrDefault(integration.key(), new ArrayDeque<>())) {
      html.raw("<li>")
          .text(d.name())
          .raw(" (")
          .text(Long.toString(d.size()))
          .raw(" bytes, ")
          .text(d.at().toString())
          .raw(")</li>");
    }
    html.raw("</ul>");
  }

  private static FolderWatch watch(OneDriveIntegration integration, IntegrationInfo info) {
    String folder = info.folderPath() == null ? "" : info.folderPath();
    return integration.watchFolder(WatchOptions.builder(folder).watchId(WATCH_ID).build());
  }

  private void newIntegrationPage(HttpExchange ex, Sessions.Session s) throws IOException {
    String kind = "source".equals(query(ex).get("kind")) ? "source" : "destination";
    Html html = page("Add " + kind, s);
    html.form("/integrations/new")
        .hidden("csrf", s.csrf)
        .hidden("kind", kind)
        .raw(
            "<label>Name <input id=\"name\" name=\"name\" pattern=\"[a-z0-9-]{1,30}\" required></label>")
        .raw(
            "<label>Account <select id=\"account-type\" name=\"accountType\"><option value=\"PERSONAL\">Personal</option>")
        .raw("<option value=\"WORK_OR_SCHOOL\">Work or school</option></select></label>")
        .raw("<fieldset><legend>Credentials</legend>")
        .raw(
            "<label><input type=\"radio\" name=\"credentials\" value=\"system\" id=\"credentials-system\" checked> System app registration</label>")
        .raw(
            "<label><input type=\"radio\" name=\"credentials\" value=\"custom\" id=\"credentials-custom\"> Custom credentials</label>")
        .raw("<label>Client id <input id=\"client-id\" name=\"clientId\"></label>")
        .raw(
            "<label>Client secret <input id=\"client-secret\" name=\"clientSecret\" type=\"password\" autocomplete=\"off\"></label>")
        .raw(
            "<label>Tenant <input id=\"tenant\" name=\"tenant\" placeholder=\"common\"></label></fieldset>")
        .raw("<button id=\"create\">Create and authorize</button></form>");
    send(ex, 200, html.end());
  }

  private void createIntegration(HttpExchange ex, Sessions.Session s) throws IOException {
    Map<String, String> form = form(ex);
    requireCsrf(ex, s, form);
    String name = form.getOrDefault("name", "");
    if (!name.matches("[a-z0-9-]{1,30}")) {
      send(
          ex,
          400,
          page("Add integration", s)
              .raw("<p class=\"error\">")
              .text("The name must be 1 to 30 lower-case letters, digits or dashes.")
              .raw("</p>")
              .end());
      return;
    }
    String id = ("source".equals(form.get("kind")) ? SOURCE_PREFIX : DESTINATION_PREFIX) + name;
    AccountType type =
        "WORK_OR_SCHOOL".equals(form.get("accountType"))
            ? AccountType.WORK_OR_SCHOOL
            : AccountType.PERSONAL;
    NewIntegration.Builder settings =
        NewIntegration.builder(new IntegrationKey(s.user.name(), id), type);
    if ("custom".equals(form.get("credentials"))) {
      String clientId = form.getOrDefault("clientId", "").trim();
      String secret = form.getOrDefault("clientSecret", "");
      if (clientId.isEmpty()) {
        send(
            ex,
            400,
            page("Add integration", s)
                .raw("<p class=\"error\">Custom credentials need a client id.</p>")
                .end());
        return;
      }
      settings.ownApp(clientId, secret.isEmpty() ? null : Secret.of(secret));
      String tenant = form.getOrDefault("tenant", "").trim();
      if (!tenant.isEmpty()) {
        settings.tenant(tenant);
      }
    }
    try {
      oneDrive.createIntegration(settings.build());
    } catch (OneDriveException | IllegalArgumentException e) {
      send(
          ex,
          400,
          page("Add integration", s)
              .raw("<p class=\"error\">")
              .text(e.getMessage())
              .raw("</p>")
              .end());
      return;
    }
    redirect(ex, "/onedrive-setup?integration=" + id);
  }

  private void check(HttpExchange ex, Sessions.Session s, OneDriveIntegration integration)
      throws IOException {
    requireCsrf(ex, s, form(ex));
    try {
      integration.refreshAccessToken();
    } catch (OneDriveException e) {
      // The library recorded the failure on the integration; the dashboard shows it.
      LOG.info("Connection test of {} failed: {}", integration.key(), e.getClass().getSimpleName());
    }
    redirect(ex, "/integrations");
  }

  // ---------------------------------------------------------------- folder browser

  private void folderBrowser(HttpExchange ex, Sessions.Session s, OneDriveIntegration integration)
      throws IOException {
    Map<String, String> q = query(ex);
    String id = integration.key().integrationId();
    String path = cleanPath(q.getOrDefault("path", ""));
    ItemPage items;
    String handle = q.get("page");
    if (handle != null) {
      Sessions.Continuation c =
          s.continuation(handle, integration.key())
              .orElseThrow(
                  () ->
                      new NotFound("That page of the listing has expired; open the folder again."));
      path = c.folderPath();
      items = integration.folders().nextPage(c.token());
    } else {
      items =
          integration
              .folders()
              .list(path, ListOptions.foldersOnlyOptions().withPageSize(FOLDER_PAGE_SIZE));
    }
    Html html = page("Choose a folder", s);
    html.raw("<nav class=\"breadcrumbs\" id=\"breadcrumbs\">")
        .link(folderUrl(id, ""), "crumb-root", "My files");
    StringBuilder prefix = new StringBuilder();
    for (String part : path.isEmpty() ? new String[0] : path.split("/")) {
      prefix.append(prefix.length() == 0 ? "" : "/").append(part);
      html.raw(" / ").link(folderUrl(id, prefix.toString()), "crumb-" + prefix, part);
    }
    html.raw("</nav><p>Current folder: <code id=\"current-folder\">/")
        .text(path)
        .raw("</code></p>");
    html.form("/integrations/" + id + "/select-folder")
        .hidden("csrf", s.csrf)
        .hidden("path", path)
        .raw("<button id=\"select\">Use this folder</button></form>");
    html.form("/integrations/" + id + "/create-folder")
        .hidden("csrf", s.csrf)
        .hidden("path", path)
        .raw(
            "<input id=\"new-folder\" name=\"name\" placeholder=\"New folder\" required> <button id=\"create-folder\">Create folder</button></form>");
    html.raw("<ul class=\"folders\" id=\"folders\">");
    for (DriveItem item : items.items()) {
      String child = path.isEmpty() ? item.name() : path + "/" + item.name();
      html.raw("<li><a class=\"folder-link\" href=\"")
          .text(folderUrl(id, child))
          .raw("\">")
          .text(item.name())
          .raw("</a></li>");
    }
    html.raw("</ul>");
    if (items.items().isEmpty()) {
      html.raw("<p class=\"empty\">No folders here.</p>");
    }
    if (items.continuation() != null) {
      String next = sessions.randomToken();
      s.keepContinuation(
          next, new Sessions.Continuation(integration.key(), path, items.continuation()));
      html.link("/integrations/" + id + "/folders?page=" + next, "next-page", "Next page");
    }
    send(ex, 200, html.end());
  }

  private static String folderUrl(String id, String path) {
    return "/integrations/"
        + id
        + "/folders?path="
        + URLEncoder.encode(path, StandardCharsets.UTF_8);
  }

  private void createFolder(HttpExchange ex, Sessions.Session s, OneDriveIntegration integration)
      throws IOException {
    Map<String, String> form = form(ex);
    requireCsrf(ex, s, form);
    String path = cleanPath(form.getOrDefault("path", ""));
    String name = form.getOrDefault("name", "").trim();
    String child = path.isEmpty() ? name : path + "/" + name;
    try {
      integration.folders().ensureFolder(child);
    } catch (OneDriveException | IllegalArgumentException e) {
      send(
          ex,
          400,
          page("Choose a folder", s)
              .raw("<p class=\"error\">")
              .text(e.getMessage())
              .raw("</p>")
              .end());
      return;
    }
    redirect(ex, folderUrl(integration.key().integrationId(), child));
  }

  private void selectFolder(HttpExchange ex, Sessions.Session s, OneDriveIntegration integration)
      throws IOException {
    Map<String, String> form = form(ex);
    requireCsrf(ex, s, form);
    String path = cleanPath(form.getOrDefault("path", ""));
    integration.folders().item(path); // exists, and is reachable with this integration
    integration.changeFolder(path);
    redirect(ex, "/integrations");
  }

  private static String cleanPath(String path) {
    String p = path.trim();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  // ---------------------------------------------------------------- uploads and watch folders

  private void upload(HttpExchange ex, Sessions.Session s, OneDriveIntegration integration)
      throws IOException {
    requireCsrf(ex, s, Map.of());
    IntegrationInfo info = integration.info();
    String name =
        URLDecoder.decode(
            Optional.ofNullable(ex.getRequestHeaders().getFirst("X-File-Name")).orElse(""),
            StandardCharsets.UTF_8);
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (name.isBlank() || info.folderPath() == null || length == null) {
      sendText(ex, 400, "A file, its name and a chosen folder are needed.");
      return;
    }
    try (InputStream body = ex.getRequestBody()) {
      DriveItem item =
          integration
              .uploads()
              .uploadToConfiguredFolder(UploadSource.of(body, Long.parseLong(length)), name);
      sendText(ex, 200, "Uploaded " + item.name() + " (" + item.size() + " bytes)");
    } catch (OneDriveException | IllegalArgumentException e) {
      sendText(ex, 400, "Upload failed: " + e.getMessage());
    }
  }

  private void poll(HttpExchange ex, Sessions.Session s, OneDriveIntegration integration)
      throws IOException {
    requireCsrf(ex, s, form(ex));
    IntegrationInfo info = integration.info();
    Deque<Delivery> recent = deliveries.computeIfAbsent(integration.key(), k -> new ArrayDeque<>());
    try {
      watch(integration, info)
          .poll(
              file -> {
                synchronized (recent) {
                  recent.addFirst(new Delivery(file.name(), file.size(), Instant.now()));
                  while (recent.size() > RECENT_DELIVERIES) {
                    recent.removeLast();
                  }
                }
                return Disposition.KEEP;
              });
    } catch (OneDriveException e) {
      // Recorded on the watch; the dashboard shows it.
      LOG.info("Poll of {} failed: {}", integration.key(), e.getClass().getSimpleName());
    }
    redirect(ex, "/integrations");
  }

  // ---------------------------------------------------------------- helpers

  private OneDriveIntegration existing(IntegrationKey key) {
    try {
      OneDriveIntegration integration = oneDrive.integration(key);
      integration.info();
      return integration;
    } catch (IntegrationNotFoundException e) {
      throw new NotFound("You have no integration named " + key.integrationId() + ".");
    }
  }

  private static String kind(IntegrationKey key) {
    return key.integrationId().startsWith(SOURCE_PREFIX) ? "watch folder (source)" : "destination";
  }

  private static String statusText(IntegrationStatus status) {
    return switch (status) {
      case PENDING_AUTHORIZATION -> "not authorized yet";
      case CONNECTED -> "connected";
      case NEEDS_REAUTHORIZATION -> "needs re-authorization";
      case DISCONNECTED -> "disconnected";
    };
  }

  private static Html page(String title, Sessions.@Nullable Session s) {
    return Html.page(title, s == null ? null : s.user.name(), s == null ? null : s.csrf);
  }

  private static Map<String, String> query(HttpExchange ex) {
    return parseForm(ex.getRequestURI().getRawQuery());
  }

  private static Map<String, String> form(HttpExchange ex) throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      return Map.of();
    }
    byte[] body = ex.getRequestBody().readNBytes(64 * 1024);
    return parseForm(new String(body, StandardCharsets.UTF_8));
  }

  static Map<String, String> parseForm(@Nullable String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      values.putIfAbsent(name, value);
    }
    return values;
  }

  private static void staticFile(HttpExchange ex, String name) throws IOException {
    String type =
        name.endsWith(".css") ? "text/css" : name.endsWith(".js") ? "text/javascript" : null;
    InputStream in =
        type == null || !name.matches("[a-z-]+\\.[a-z]+")
            ? null
            : ExampleServer.class.getResourceAsStream("static/" + name);
    if (in == null) {
      throw new NotFound("No file " + name);
    }
    try (in) {
      byte[] bytes = in.readAllBytes();
      ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }

  private static void redirect(HttpExchange ex, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(303, -1);
  }

  private static void send(HttpExchange ex, int status, String html) throws IOException {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sendText(HttpExchange ex, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  /** No page, or no integration of the signed-in user, at that address. */
  private static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  /** Not allowed for this user, or a form without its CSRF token. */
  private static final class Forbidden extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Forbidden(String message) {
      super(message);
    }
  }

  /** No session: the browser is sent to the sign-in page. */
  private static final class SignInRequired extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
