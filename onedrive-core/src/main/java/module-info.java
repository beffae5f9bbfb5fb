/**
 * The OneDrive library: configuration, integrations, authorization, drive operations, events and
 * the token store SPI.
 *
 * <p>Exports the public API ({@code io.github.docuelevate.onedrive}), the drive operations ({@code
 * ...onedrive.drive}), the events ({@code ...onedrive.event}) and the storage SPI ({@code
 * ...onedrive.spi}). The packages under {@code ...onedrive.internal} are not exported; two are
 * exported to the testkit alone, whose fake Graph server hashes and checks paths exactly as the
 * library does.
 */
// "module": the testkit, named in the qualified exports, is built after core.
// "requires-automatic", "requires-transitive-automatic": msal4j has no module descriptor, only a
// stable module name (Automatic-Module-Name).
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module io.github.docuelevate.onedrive.core {
  // TransportOptions.identityHttpClient takes msal4j's IHttpClient.
  requires transitive com.microsoft.aad.msal4j;
  // msal4j's own dependency. msal4j is an automatic module, which cannot say so, and an automatic
  // module does not pull explicit modules into the module graph: without this, an application on
  // the module path fails at its first token request (NoClassDefFoundError com.azure.json...).
  requires com.azure.json;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires org.slf4j;
  // Nullness annotations on the API, for the compiler and tools; not needed at run time.
  requires static transitive org.jspecify;

  exports io.github.docuelevate.onedrive;
  exports io.github.docuelevate.onedrive.drive;
  exports io.github.docuelevate.onedrive.event;
  exports io.github.docuelevate.onedrive.spi;
  exports io.github.docuelevate.onedrive.internal.hash to
      io.github.docuelevate.onedrive.testkit;
  exports io.github.docuelevate.onedrive.internal.path to
      io.github.docuelevate.onedrive.testkit;
}
