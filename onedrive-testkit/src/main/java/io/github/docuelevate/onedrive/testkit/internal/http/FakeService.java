package io.github.docuelevate.onedrive.testkit.internal.http;

/** One fake service (identity platform, Graph) mounted on the shared server. */
public interface FakeService {
  /** Adds this service's routes to the server. */
  void register(FakeHttpServer server);

  /** Forgets all state added since start (tests call it between test methods). */
  void reset();
}
