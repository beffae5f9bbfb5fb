package io.github.docuelevate.onedrive.internal.transport;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One request to send, possibly several times: the body is a supplier so each try gets a fresh
 * publisher.
 *
 * @param method the HTTP method
 * @param uri the absolute URI
 * @param body a fresh body publisher per try, or {@code null} for no body
 * @param headers extra headers ({@code Content-Type}, {@code Range}, {@code Content-Range} ...)
 * @param authenticated whether to send the integration's bearer token; {@code false} for
 *     pre-authenticated upload and download URLs, which must never see it
 * @param operation what the request does, for error messages (never a URL with a secret in it)
 */
public record GraphRequest(
    String method,
    URI uri,
    @Nullable Supplier<BodyPublisher> body,
    Map<String, String> headers,
    boolean authenticated,
    String operation) {

  /** Checks and copies the components. */
  public GraphRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(operation, "operation");
  }

  /** An authenticated GET. */
  public static GraphRequest get(URI uri, String operation) {
    return new GraphRequest("GET", uri, null, Map.of(), true, operation);
  }

  /** An authenticated DELETE. */
  public static GraphRequest delete(URI uri, String operation) {
    return new GraphRequest("DELETE", uri, null, Map.of(), true, operation);
  }

  /** An authenticated request with a JSON body. */
  public static GraphRequest json(String method, URI uri, byte[] json, String operation) {
    return new GraphRequest(
        method,
        uri,
        () -> BodyPublishers.ofByteArray(json),
        Map.of("Content-Type", "application/json"),
        true,
        operation);
  }

  /** Returns a copy with one more header. */
  public GraphRequest withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new GraphRequest(method, uri, body, copy, authenticated, operation);
  }

  /** Returns a copy that sends no bearer token (for pre-authenticated URLs). */
  public GraphRequest preAuthenticated() {
    return new GraphRequest(method, uri, body, headers, false, operation);
  }

  @Override
  public String toString() {
    // The URI may be a pre-authenticated URL: show only what the request does.
    return "GraphRequest[" + method + " " + operation + "]";
  }
}
