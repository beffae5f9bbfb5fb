package io.github.docuelevate.onedrive.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request the fake received, with secrets masked: the {@code Authorization} header, and the
 * values of {@code client_secret}, {@code client_assertion}, {@code code}, {@code code_verifier},
 * {@code refresh_token}, {@code access_token}, {@code id_token}, {@code device_code} (and similar)
 * in the query, form bodies and JSON bodies read as {@code ***}, and so do the upload session id
 * and download token in the paths of pre-authenticated URLs ({@code /graph-upload/***}, {@code
 * /graph-download/***}).
 *
 * @param sequence the request's number since start or the last reset (1, 2, ...)
 * @param time when it arrived, on the fake's clock
 * @param method the HTTP method
 * @param path the raw path (percent-encoded as received), masked
 * @param query the decoded query parameters, masked
 * @param headers the request headers (names lower case), masked
 * @param body the start of a form or JSON body (at most 16 KiB), masked; empty for other bodies
 * @param bodyBytes how many body bytes the fake read
 * @param status the response status, or -1 if the connection was dropped without one
 * @param requestId the {@code request-id} the fake answered with
 */
public record RecordedRequest(
    long sequence,
    Instant time,
    String method,
    String path,
    Map<String, String> query,
    Map<String, List<String>> headers,
    String body,
    long bodyBytes,
    int status,
    String requestId) {

  /** Copies the maps and checks the required components. */
  public RecordedRequest {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(requestId, "requestId");
  }

  /**
   * Returns the first value of a header (name case-insensitive), masked.
   *
   * @param name the header name
   * @return the value, or {@code null}
   */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * Returns whether the method matches and the path matches a pattern ({@code *} within a segment,
   * {@code **} across segments, as in {@link FaultRule}).
   *
   * @param method the method, or {@code *} for any
   * @param pathPattern the path pattern
   * @return whether this request matches
   */
  public boolean matches(String method, String pathPattern) {
    return (method.equals("*") || method.equalsIgnoreCase(this.method))
        && FaultRule.compile(pathPattern).matcher(path).matches();
  }

  @Override
  public String toString() {
    return sequence + " " + method + " " + path + " -> " + status;
  }
}
