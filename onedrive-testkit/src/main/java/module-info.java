/**
 * A fake Microsoft identity platform and Graph drive server for tests, a JUnit 5 extension that
 * runs it, and the {@code TokenStore} conformance suite. Exports {@code ...testkit} and {@code
 * ...testkit.store}; the packages under {@code ...testkit.internal} are not exported.
 */
module io.github.docuelevate.onedrive.testkit {
  // The fake hands out OneDrive configurations and msal4j HTTP clients; the extension and the
  // conformance suite are JUnit 5 types (optional dependencies: only the tests that use them need
  // JUnit and AssertJ).
  requires transitive io.github.docuelevate.onedrive.core;
  requires static org.junit.jupiter.api;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires jdk.httpserver;
  requires static org.assertj.core;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.github.docuelevate.onedrive.testkit;
  exports io.github.docuelevate.onedrive.testkit.store;

  // JUnit runs the conformance suite's test methods, which are not public, by reflection.
  opens io.github.docuelevate.onedrive.testkit.store to
      org.junit.platform.commons;
}
