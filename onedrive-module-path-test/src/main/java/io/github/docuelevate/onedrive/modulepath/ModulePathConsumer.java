package io.github.docuelevate.onedrive.modulepath;

import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.AuthorizationStart;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.event.OneDriveEvent;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStoreException;
import io.github.docuelevate.onedrive.store.crypto.CleartextKeyset;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.store.file.FileTokenStore;
import io.github.docuelevate.onedrive.store.jdbc.JdbcTokenStore;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Run as {@code java -p <jars> -m io.github.docuelevate.onedrive.modulepath/...ModulePathConsumer
 * <work dir>}: checks that every library jar is an explicit module exporting only its API, then
 * authorizes a personal account on the testkit's fake, keeps its tokens in an encrypted file store,
 * and uploads and downloads a file. Any failure ends the process with a stack trace and a non-zero
 * status, which fails the build.
 */
public final class ModulePathConsumer {
  private static final String BASE = "io.github.docuelevate.onedrive";

  private ModulePathConsumer() {}

  /**
   * Runs the checks and the flow.
   *
   * @param args the directory to keep the token store in
   * @throws Exception if anything fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ModulePathConsumer <work directory>");
    }
    Path work = Path.of(args[0]);
    Files.createDirectories(work);
    checkDescriptors();
    runAgainstTheFake(Files.createTempDirectory(work, "run-"));
    System.out.println("module path consumer: descriptors and flow OK");
  }

  private static void checkDescriptors() {
    expectExports(BASE + ".core", Set.of(BASE, BASE + ".drive", BASE + ".event", BASE + ".spi"));
    expectExports(BASE + ".store.crypto", Set.of(BASE + ".store.crypto"));
    expectExports(BASE + ".store.file", Set.of(BASE + ".store.file"));
    expectExports(BASE + ".store.jdbc", Set.of(BASE + ".store.jdbc"));
    expectExports(BASE + ".testkit", Set.of(BASE + ".testkit", BASE + ".testkit.store"));
    Module core = OneDrive.class.getModule();
    Module testkit = FakeMicrosoft.class.getModule();
    Module self = ModulePathConsumer.class.getModule();
    for (String internal : Set.of(BASE + ".internal.hash", BASE + ".internal.path")) {
      check(core.isExported(internal, testkit), internal + " is exported to the testkit");
      check(!core.isExported(internal, self), internal + " is not exported to applications");
    }
    check(!core.isExported(BASE + ".internal.drive", testkit), "drive internals stay inside");
  }

  private static void expectExports(String moduleName, Set<String> api) {
    Module module =
        ModuleLayer.boot()
            .findModule(moduleName)
            .orElseThrow(() -> new AssertionError(moduleName + " is not on the module path"));
    ModuleDescriptor descriptor = module.getDescriptor();
    check(!descriptor.isAutomatic(), moduleName + " has a module descriptor");
    Set<String> unqualified = new TreeSet<>();
    for (ModuleDescriptor.Exports e : descriptor.exports()) {
      if (!e.isQualified()) {
        unqualified.add(e.source());
      }
    }
    check(
        unqualified.equals(new TreeSet<>(api)),
        moduleName + " exports " + api + ": " + unqualified);
  }

  private static void runAgainstTheFake(Path work) throws Exception {
    // Through JSON, as keysets are kept: Tink parses it with gson.
    String keysetJson =
        Keysets.toCleartextJson(Keysets.generate(), CleartextKeyset.ACCEPT_UNPROTECTED);
    RecordEncryption encryption =
        RecordEncryption.of(Keysets.parseCleartext(keysetJson, CleartextKeyset.ACCEPT_UNPROTECTED));
    try (FakeMicrosoft fake = FakeMicrosoft.builder().start();
        FileTokenStore store = FileTokenStore.builder(work.resolve("tokens"), encryption).build()) {
      fake.identity().signInAs(FakeMicrosoft.DEFAULT_PERSONAL_USER);
      List<OneDriveEvent> events = new CopyOnWriteArrayList<>();
      OneDrive oneDrive =
          OneDrive.builder(fake.oneDriveConfig().tenant("consumers").build())
              .tokenStore(store)
              .transport(fake.transportOptions())
              .eventListener(events::add)
              .build();
      oneDrive.systemIntegration();
      AuthorizationStart start =
          oneDrive
              .authorizationFlow()
              .begin(
                  AuthorizationRequest.of(
                      OneDrive.SYSTEM_INTEGRATION, URI.create(FakeMicrosoft.DEFAULT_REDIRECT_URI)));
      Map<String, String> callback = fake.authorize(start.authorizationUrl());
      OneDriveIntegration integration =
          oneDrive.authorizationFlow().complete(OneDrive.SYSTEM_INTEGRATION.owner(), callback);

      byte[] content = "written from the module path".getBytes(StandardCharsets.UTF_8);
      DriveItem uploaded =
          integration.uploads().upload(UploadSource.of(content), "Module path", "hello.txt");
      check(uploaded.size() == content.length, "uploaded size " + uploaded.size());
      check(
          events.stream().anyMatch(e -> e instanceof OneDriveEvent.UploadCompleted),
          "the listener saw the upload complete: " + events);
      ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
      integration.downloads().download("Module path/hello.txt", downloaded);
      check(Arrays.equals(downloaded.toByteArray(), content), "downloaded content matches");

      StoredIntegration record = store.read(OneDrive.SYSTEM_INTEGRATION).orElseThrow();
      check(record.refreshToken() != null, "the refresh token is in the file store");
    }
    // The JDBC store resolves and runs too; with no database it reports a typed error.
    try {
      JdbcTokenStore.builder(new UnreachableDataSource(), encryption).build();
      throw new AssertionError("a store without a database was built");
    } catch (TokenStoreException expected) {
      check(
          String.valueOf(expected.getMessage()).contains("cannot connect"),
          "typed error without a database: " + expected.getMessage());
    }
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("module path check failed: " + what);
    }
  }

  /** A data source whose database is down. */
  private static final class UnreachableDataSource implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      throw new SQLException("no database here", "08001");
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
