package io.github.docuelevate.onedrive.testkit.internal.identity;

import io.github.docuelevate.onedrive.testkit.FakeApp;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /{tenant}/oauth2/v2.0/authorize}: signs in the user the test chose, asks for consent
 * (granted unless the test says otherwise) and redirects back with a code, or with an error.
 */
final class AuthorizeEndpoint {
  private final IdentityPlatform platform;

  AuthorizeEndpoint(IdentityPlatform platform) {
    this.platform = platform;
  }

  void handle(FakeExchange exchange, TenantRef tenant) throws IOException {
    if (!exchange.method().equals("GET") && !exchange.method().equals("POST")) {
      throw AadError.invalidRequest(900561, "The endpoint only accepts GET and POST requests.");
    }
    Map<String, String> params = exchange.query();
    if (exchange.method().equals("POST")) {
      Map<String, String> merged = new LinkedHashMap<>(exchange.readForm());
      params.forEach(merged::putIfAbsent);
      params = merged;
    }
    String clientId = params.get("client_id");
    if (clientId == null || clientId.isBlank()) {
      throw AadError.missingParameter("client_id");
    }
    FakeApp app =
        platform
            .app(clientId)
            .orElseThrow(
                () ->
                    new AadError(
                        400,
                        "unauthorized_client",
                        700016,
                        "Application with identifier '"
                            + clientId
                            + "' was not found in the directory '"
                            + tenant.segment()
                            + "'."));
    String redirectUri = params.get("redirect_uri");
    if (redirectUri == null && app.redirectUris().size() == 1) {
      redirectUri = app.redirectUris().get(0);
    }
    if (redirectUri == null || !app.redirectUris().contains(redirectUri)) {
      throw AadError.invalidRequest(
          50011,
          "The redirect URI '"
              + redirectUri
              + "' specified in the request does not match the redirect URIs configured for the"
              + " application '"
              + clientId
              + "'. Make sure the redirect URI sent in the request matches one added to your"
              + " application in the Azure portal.");
    }
    Reply reply =
        new Reply(exchange, redirectUri, params.get("state"), params.get("response_mode"));
    try {
      reply.code(authorize(app, tenant, params, redirectUri));
    } catch (AadError e) {
      reply.error(e);
    }
  }

  private String authorize(
      FakeApp app, TenantRef tenant, Map<String, String> params, String redirectUri) {
    String responseType = params.get("response_type");
    if (responseType == null) {
      throw AadError.missingParameter("response_type");
    }
    if (!responseType.equals("code")) {
      throw new AadError(
          400,
          "unsupported_response_type",
          700054,
          "response_type '" + responseType + "' is not enabled for the application.");
    }
    String rawScope = params.get("scope");
    if (rawScope == null || rawScope.isBlank()) {
      throw AadError.missingParameter("scope");
    }
    ScopeRequest scopes = ScopeRequest.parse(rawScope);
    String challenge = params.get("code_challenge");
    String method = params.getOrDefault("code_challenge_method", "plain");
    if (challenge != null && !method.equals("S256") && !method.equals("plain")) {
      throw AadError.invalidRequest(
          501491, "Invalid code_challenge_method '" + method + "'; use S256 or plain.");
    }
    if (challenge != null && (challenge.length() < 43 || challenge.length() > 128)) {
      throw AadError.invalidRequest(501491, "Invalid size of Code_Challenge parameter.");
    }
    String prompt = params.getOrDefault("prompt", "");
    FakeUser user = chooseUser(tenant, params.get("login_hint"));
    if (!tenant.admits(user)) {
      throw tenant.refusal(user, false);
    }
    if (prompt.equals("none") && platform.interactionRequired(user.objectId())) {
      throw new AadError(
          400,
          "interaction_required",
          50076,
          "Due to a configuration change made by your administrator, or because you moved to a"
              + " new location, you must use multi-factor authentication to access the"
              + " resource.");
    }
    Set<String> permissions = scopes.resolve(app.delegatedPermissions());
    Set<String> consented = platform.consent(user.objectId(), app.clientId());
    boolean needsConsent = !consented.containsAll(permissions) || consented.isEmpty();
    if (prompt.equals("none") && needsConsent) {
      throw new AadError(
          400,
          "consent_required",
          65001,
          "The user or administrator has not consented to use the application with ID '"
              + app.clientId()
              + "' named '"
              + app.displayName()
              + "'. Send an interactive authorization request for this user and resource.");
    }
    if (needsConsent || prompt.equals("consent")) {
      if (platform.takeDeclineNextConsent()) {
        throw new AadError(
            400, "access_denied", 65004, "User declined to consent to access the app.");
      }
      platform.grantConsent(user.objectId(), app.clientId(), permissions);
    }
    Set<String> oidc = new LinkedHashSet<>(scopes.oidc());
    return platform.issueCode(
        new IdentityPlatform.CodeGrant(
            app.clientId(),
            user.objectId(),
            redirectUri,
            tenant,
            permissions,
            oidc,
            challenge,
            method,
            params.get("nonce"),
            platform.now().plus(platform.settings().codeLifetime())));
  }

  private FakeUser chooseUser(TenantRef tenant, @Nullable String loginHint) {
    if (loginHint != null && !loginHint.isBlank()) {
      return platform
          .user(loginHint)
          .orElseThrow(
              () ->
                  AadError.invalidRequest(
                      50034,
                      "The user account "
                          + loginHint
                          + " does not exist in the '"
                          + tenant.segment()
                          + "' directory. To sign into this application, the account must be"
                          + " added to the directory."));
    }
    String chosen = platform.signInAs();
    if (chosen != null) {
      return platform
          .user(chosen)
          .orElseThrow(() -> AadError.invalidRequest(50034, "The chosen user no longer exists."));
    }
    List<FakeUser> users = platform.users();
    if (users.size() == 1) {
      return users.get(0);
    }
    throw new AadError(
        400,
        "login_required",
        50058,
        "A sign-in request was sent but the fake cannot tell who signs in: send a login_hint or"
            + " choose the user on the fake ("
            + users.size()
            + " users are registered).");
  }

  /** Sends the browser back to the app the way {@code response_mode} asks. */
  private static final class Reply {
    private final FakeExchange exchange;
    private final String redirectUri;
    private final @Nullable String state;
    private final String mode;

    Reply(
        FakeExchange exchange, String redirectUri, @Nullable String state, @Nullable String mode) {
      this.exchange = exchange;
      this.redirectUri = redirectUri;
      this.state = state;
      this.mode = mode == null ? "query" : mode;
    }

    void code(String code) throws IOException {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("code", code);
      send(values);
    }

    void error(AadError error) throws IOException {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("error", error.error());
      values.put("error_description", error.description());
      send(values);
    }

    private void send(Map<String, String> values) throws IOException {
      if (state != null) {
        values.put("state", state);
      }
      if (mode.equals("form_post")) {
        StringBuilder html =
            new StringBuilder(
                "<!DOCTYPE html><html><body onload=\"document.forms[0].submit()\"><form"
                    + " method=\"POST\" action=\"");
        html.append(AadError.escapeHtml(redirectUri)).append("\">");
        values.forEach(
            (name, value) ->
                html.append("<input type=\"hidden\" name=\"")
                    .append(AadError.escapeHtml(name))
                    .append("\" value=\"")
                    .append(AadError.escapeHtml(value))
                    .append("\"/>"));
        html.append("</form></body></html>");
        exchange.responseHeader("Content-Type", "text/html; charset=utf-8");
        exchange.respond(200, html.toString().getBytes(StandardCharsets.UTF_8));
        return;
      }
      StringBuilder location = new StringBuilder(redirectUri);
      char separator = mode.equals("fragment") ? '#' : (redirectUri.contains("?") ? '&' : '?');
      for (Map.Entry<String, String> e : values.entrySet()) {
        location
            .append(separator)
            .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        separator = '&';
      }
      exchange.redirect(302, location.toString());
    }
  }
}
