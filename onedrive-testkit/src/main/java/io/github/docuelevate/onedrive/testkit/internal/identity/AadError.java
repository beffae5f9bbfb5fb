package io.github.docuelevate.onedrive.testkit.internal.identity;

import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An error of the identity platform, shaped as the real service sends it: an OAuth error code and
 * an {@code error_description} that starts with an {@code AADSTS} code. Never carries a secret.
 */
final class AadError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final int status;
  private final String error;
  private final int code;
  private final @Nullable String suberror;

  AadError(int status, String error, int code, String description) {
    this(status, error, code, description, null);
  }

  AadError(int status, String error, int code, String description, @Nullable String suberror) {
    super(description);
    this.status = status;
    this.error = error;
    this.code = code;
    this.suberror = suberror;
  }

  static AadError invalidRequest(int code, String description) {
    return new AadError(400, "invalid_request", code, description);
  }

  static AadError missingParameter(String name) {
    return invalidRequest(
        900144, "The request body must contain the following parameter: '" + name + "'.");
  }

  static AadError invalidGrant(int code, String description) {
    return new AadError(400, "invalid_grant", code, description);
  }

  static AadError invalidClient(int code, String description) {
    return new AadError(401, "invalid_client", code, description);
  }

  /** The answer of an endpoint that takes only POST. */
  static AadError postOnly(String method) {
    return invalidRequest(
        900561,
        "The endpoint only accepts POST, OPTIONS requests. Received a " + method + " request.");
  }

  /** The answer for a client id no app is registered under. */
  static AadError unknownApp(String clientId, TenantRef tenant) {
    return new AadError(
        400,
        "unauthorized_client",
        700016,
        "Application with identifier '"
            + clientId
            + "' was not found in the directory '"
            + tenant.segment()
            + "'. This can happen if the application has not been installed by the administrator"
            + " of the tenant or consented to by any user in the tenant.");
  }

  static AadError invalidScope(int code, String description) {
    return new AadError(400, "invalid_scope", code, description);
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }

  int code() {
    return code;
  }

  @Nullable String suberror() {
    return suberror;
  }

  /** Returns {@code AADSTSnnnn: description}. */
  String description() {
    return "AADSTS" + code + ": " + getMessage();
  }

  /** Sends the JSON error body of the token endpoint. */
  void send(FakeExchange exchange, Instant now) throws IOException {
    String correlationId = exchange.clientRequestId();
    String traceId = exchange.requestId();
    String timestamp = TIMESTAMP.format(now);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put(
        "error_description",
        description()
            + "\r\nTrace ID: "
            + traceId
            + "\r\nCorrelation ID: "
            + correlationId
            + "\r\nTimestamp: "
            + timestamp);
    body.put("error_codes", List.of(code));
    body.put("timestamp", timestamp);
    body.put("trace_id", traceId);
    body.put("correlation_id", correlationId);
    body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
    if (suberror != null) {
      body.put("suberror", suberror);
    }
    exchange.responseHeader("Cache-Control", "no-store, no-cache");
    exchange.respondJson(status, body);
  }

  /**
   * Sends the error page the authorize endpoint shows when it cannot redirect back (unknown app,
   * unregistered redirect URI, unknown tenant).
   */
  void sendPage(FakeExchange exchange) throws IOException {
    String html =
        "<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>"
            + "<h1>Sorry, but we're having trouble signing you in.</h1><p id=\"error\">"
            + escapeHtml(description())
            + "</p></body></html>";
    exchange.responseHeader("Content-Type", "text/html; charset=utf-8");
    exchange.respond(status == 401 ? 400 : status, html.getBytes(StandardCharsets.UTF_8));
  }

  static String escapeHtml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
