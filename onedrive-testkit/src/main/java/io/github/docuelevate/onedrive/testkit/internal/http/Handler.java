package io.github.docuelevate.onedrive.testkit.internal.http;

import java.io.IOException;

/** Answers the requests of one route. */
@FunctionalInterface
public interface Handler {
  /**
   * Answers one request. Must send a response or close the connection.
   *
   * @param exchange the request and its response
   * @throws IOException if the connection fails
   */
  void handle(FakeExchange exchange) throws IOException;
}
