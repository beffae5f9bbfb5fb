package io.github.docuelevate.onedrive.testkit.internal.http;

import java.io.IOException;

/**
 * Runs around every request before it reaches its route: request journal, fault injection,
 * throttling. An interceptor either calls {@code next} or answers the request itself.
 */
@FunctionalInterface
public interface Interceptor {
  /**
   * Handles one request.
   *
   * @param exchange the request
   * @param next the rest of the chain (further interceptors, then the route)
   * @throws IOException if the connection fails
   */
  void intercept(FakeExchange exchange, Handler next) throws IOException;
}
