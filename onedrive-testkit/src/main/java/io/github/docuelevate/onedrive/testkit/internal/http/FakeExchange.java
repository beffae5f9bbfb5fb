package io.github.docuelevate.onedrive.testkit.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One request to a fake server and its response. The request body is a stream, never buffered by
 * this class, so large uploads stay out of the heap.
 */
public final class FakeExchange {
  /** The shared JSON mapper of the fake servers. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private final HttpExchange exchange;
  private final String requestId = UUID.randomUUID().toString();
  private final Map<String, String> query;
  private boolean responded;
  private boolean dropResponse;
  private @Nullable BodyFault bodyFault;
  private java.util.function.@Nullable IntConsumer responseListener;

  FakeExchange(HttpExchange exchange) {
    this.exchange = exchange;
    this.query = parseForm(exchange.getRequestURI().getRawQuery());
  }

  /** Returns the request method, upper case. */
  public String method() {
    return exchange.getRequestMethod();
  }

  /** Returns the request URI as received (path still percent-encoded). */
  public URI uri() {
    return exchange.getRequestURI();
  }

  /** Returns the raw (still percent-encoded) path. */
  public String rawPath() {
    String raw = exchange.getRequestURI().getRawPath();
    return raw == null ? "/" : raw;
  }

  /** Returns the decoded query parameters (first value of each name). */
  public Map<String, String> query() {
    return query;
  }

  /** Returns a request header (case-insensitive name), or {@code null}. */
  public @Nullable String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** Returns the request body as a stream; read it at most once. */
  public InputStream body() {
    return exchange.getRequestBody();
  }

  /** Returns the request's {@code Content-Length}, or -1 when absent or invalid. */
  public long contentLength() {
    String value = header("Content-Length");
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Reads the whole body as a form ({@code application/x-www-form-urlencoded}). */
  public Map<String, String> readForm() throws IOException {
    return parseForm(new String(body().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** Returns this request's id, sent back in the {@code request-id} header and error bodies. */
  public String requestId() {
    return requestId;
  }

  /**
   * Returns the client's {@code client-request-id} (its correlation id), or this request's own id
   * when it sent none; answers echo it in the {@code client-request-id} header as Graph and the
   * identity platform do, and clients such as msal4j check that the echo matches.
   */
  public String clientRequestId() {
    String sent = header("client-request-id");
    return sent == null || sent.isBlank() ? requestId : sent;
  }

  /** Returns the address the server was reached at, e.g. {@code http://127.0.0.1:1234}. */
  public String serverBase() {
    String host = header("Host");
    String scheme = exchange instanceof com.sun.net.httpserver.HttpsExchange ? "https" : "http";
    if (host == null) {
      host = "127.0.0.1:" + exchange.getLocalAddress().getPort();
    }
    return scheme + "://" + host;
  }

  /**
   * Returns where this server's pre-authenticated URLs (upload sessions, downloads) point: the
   * server under its other loopback name ({@code 127.0.0.1} and {@code localhost} swap). Graph
   * hands such URLs out on another host than its own, and clients decide by the host whether a URL
   * gets the bearer token (the Graph SDK's allowed hosts, redirect handlers that drop {@code
   * Authorization} on a host change); the other name makes them decide as they would in production.
   */
  public String preAuthenticatedBase() {
    return otherLoopbackName(serverBase());
  }

  /**
   * Swaps {@code 127.0.0.1} (or {@code [::1]}) and {@code localhost} in a base URL; other hosts
   * stay.
   *
   * @param base a URL of scheme, host and optional port
   * @return the same server under its other loopback name
   */
  public static String otherLoopbackName(String base) {
    URI uri = URI.create(base);
    String host = uri.getHost();
    String other;
    if ("127.0.0.1".equals(host) || "[::1]".equals(host) || "::1".equals(host)) {
      other = "localhost";
    } else if ("localhost".equalsIgnoreCase(host)) {
      other = "127.0.0.1";
    } else {
      return base;
    }
    return uri.getScheme() + "://" + other + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  /** Sets a response header; call before sending the response. */
  public FakeExchange responseHeader(String name, String value) {
    exchange.getResponseHeaders().set(name, value);
    return this;
  }

  /** Sends a JSON response. */
  public void respondJson(int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    responseHeader("Content-Type", "application/json");
    respond(status, bytes);
  }

  /** Sends a response with the given bytes (may be empty). */
  public void respond(int status, byte[] body) throws IOException {
    if (dropResponse) {
      closeConnection();
      return;
    }
    markResponded(status);
    idHeaders();
    boolean noBody = body.length == 0 || method().equals("HEAD") || status == 204 || status == 304;
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  /**
   * Starts a streamed response of known length and returns the stream to write it to; the caller
   * writes exactly {@code length} bytes and closes the stream.
   */
  public OutputStream respondStreaming(int status, long length) throws IOException {
    if (dropResponse) {
      closeConnection();
      return OutputStream.nullOutputStream();
    }
    markResponded(status);
    idHeaders();
    exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
    return exchange.getResponseBody();
  }

  private void idHeaders() {
    exchange.getResponseHeaders().set("request-id", requestId);
    exchange.getResponseHeaders().set("client-request-id", clientRequestId());
  }

  /** Sends a redirect. */
  public void redirect(int status, String location) throws IOException {
    responseHeader("Location", location);
    respond(status, new byte[0]);
  }

  /** Sends a Graph-shaped error: {@code {"error":{"code":..,"message":..,"innerError":{..}}}}. */
  public void respondGraphError(int status, String code, String message) throws IOException {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("request-id", requestId);
    inner.put("client-request-id", clientRequestId());
    inner.put("date", java.time.Instant.now().toString());
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("innerError", inner);
    respondJson(status, Map.of("error", error));
  }

  /**
   * Drops the connection without a response, as a network failure would: the client sees the
   * connection closed or reset.
   */
  public void closeConnection() {
    markResponded(-1);
    exchange.close();
  }

  /**
   * Makes the response, once the request is served, a dropped connection instead; for the fault
   * interceptor.
   */
  public void dropResponse() {
    this.dropResponse = true;
  }

  /** Returns the fault to carry out while reading the body, if one was injected. */
  public @Nullable BodyFault bodyFault() {
    return bodyFault;
  }

  /** Attaches a fault to carry out while reading the body; for the fault interceptor. */
  public void bodyFault(@Nullable BodyFault fault) {
    this.bodyFault = fault;
  }

  /** Returns whether a response was sent or the connection closed. */
  public boolean responded() {
    return responded;
  }

  private void markResponded(int status) {
    if (responded) {
      throw new IllegalStateException("response already sent");
    }
    responded = true;
    java.util.function.IntConsumer listener = responseListener;
    if (listener != null) {
      listener.accept(status);
    }
  }

  /**
   * Registers a listener told the response status (-1 for a dropped connection) just before the
   * response goes out, so what it records is in place before the client sees the answer.
   *
   * @param listener the listener; replaces an earlier one
   */
  public void onRespond(java.util.function.IntConsumer listener) {
    this.responseListener = listener;
  }

  /** Decodes one percent-encoded path segment ({@code +} stays a plus). */
  public static String decodeSegment(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** Parses {@code a=1&b=2} with percent- and plus-decoding; first value of each name wins. */
  public static Map<String, String> parseForm(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(name, value);
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Replaces the request body stream with a wrapper around it (e.g. to count or record bytes); call
   * before the body is read.
   *
   * @param wrapper receives the current body stream, returns the stream handlers will read
   */
  public void wrapBody(java.util.function.UnaryOperator<InputStream> wrapper) {
    exchange.setStreams(wrapper.apply(exchange.getRequestBody()), null);
  }

  /** Returns the response status sent, or -1 if none was sent (yet). */
  public int responseStatus() {
    return exchange.getResponseCode();
  }

  /** Returns a response header that was set, or {@code null}. */
  public @Nullable String responseHeader(String name) {
    return exchange.getResponseHeaders().getFirst(name);
  }

  /** Returns all values of a request header. */
  public List<String> headers(String name) {
    List<String> values = exchange.getRequestHeaders().get(name);
    return values == null ? List.of() : List.copyOf(values);
  }

  /** Returns all request headers, names as received. */
  public Map<String, List<String>> allHeaders() {
    return exchange.getRequestHeaders();
  }
}
