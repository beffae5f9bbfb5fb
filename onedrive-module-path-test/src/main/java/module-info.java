/**
 * An application on the module path: core, both stores and the testkit, as a user requires them.
 */
module io.github.docuelevate.onedrive.modulepath {
  requires io.github.docuelevate.onedrive.core;
  requires io.github.docuelevate.onedrive.store.file;
  requires io.github.docuelevate.onedrive.store.jdbc;
  requires io.github.docuelevate.onedrive.testkit;
}
