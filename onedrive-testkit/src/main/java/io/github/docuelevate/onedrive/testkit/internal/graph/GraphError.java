package io.github.docuelevate.onedrive.testkit.internal.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Graph error answer, thrown inside the fake and sent as Graph's error body. */
final class GraphError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String code;
  final Map<String, String> headers = new LinkedHashMap<>();

  GraphError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  GraphError header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  static GraphError notFound(String what) {
    return new GraphError(404, "itemNotFound", "The resource could not be found: " + what);
  }

  static GraphError invalidRequest(String message) {
    return new GraphError(400, "invalidRequest", message);
  }

  static GraphError nameAlreadyExists(String name) {
    return new GraphError(
        409, "nameAlreadyExists", "The specified item name already exists: " + name);
  }

  static GraphError quota() {
    return new GraphError(507, "quotaLimitReached", "Insufficient Space Available");
  }
}
