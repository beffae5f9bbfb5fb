package io.github.docuelevate.onedrive.examples;

import com.google.crypto.tink.KeysetHandle;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.store.crypto.CleartextKeyset;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.store.jdbc.JdbcTokenStore;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;

/**
 * Runs the example: against the embedded testkit fake (the default), or against Microsoft when
 * {@code ONEDRIVE_CLIENT_ID} is set. Records live in an H2 database, encrypted with a Tink keyset:
 * in a data directory ({@code --data DIR}: the database file {@code onedrive.mv.db} and the keyset
 * {@code keyset.json}), or in memory with a keyset generated at start.
 */
public final class ExampleApp implements AutoCloseable {
  private final @Nullable FakeMicrosoft fake;
  private final OneDrive oneDrive;
  private final TokenStore store;
  private final ExampleServer server;

  private ExampleApp(
      @Nullable FakeMicrosoft fake, OneDrive oneDrive, TokenStore store, ExampleServer server) {
    this.fake = fake;
    this.oneDrive = oneDrive;
    this.store = store;
    this.server = server;
  }

  /**
   * Starts the example against a fake: the fake's default app gets the example's callback as a
   * redirect URI, and the demo users' Microsoft accounts are registered on it.
   *
   * @param fake the running fake
   * @param port the web port, 0 for a free one
   * @return the running example
   */
  public static ExampleApp startWithFake(FakeMicrosoft fake, int port) {
    return startWithFake(fake, port, null);
  }

  /**
   * Starts the example against a fake, keeping its records in {@code dataDirectory}.
   *
   * @param fake the running fake
   * @param port the web port, 0 for a free one
   * @param dataDirectory where the H2 database and the keyset live, or {@code null} for memory
   * @return the running example
   */
  public static ExampleApp startWithFake(
      FakeMicrosoft fake, int port, @Nullable Path dataDirectory) {
    for (DemoUser user : DemoUser.ALL) {
      String login = user.microsoftLogin();
      if (login != null && fake.identity().user(login).isEmpty()) {
        fake.identity().addUser(FakeUser.personal(login, user.name()));
      }
    }
    OneDriveConfig config = fake.oneDriveConfig().build();
    URI fakeBase = URI.create(fake.baseUrl());
    ExampleApp app =
        start(
            config,
            b -> b.transport(fake.transportOptions()),
            url ->
                URI.create(
                    fakeBase.getScheme()
                        + "://"
                        + fakeBase.getRawAuthority()
                        + url.getRawPath()
                        + "?"
                        + url.getRawQuery()),
            port,
            dataDirectory,
            fake);
    fake.identity()
        .addApp(
            FakeMicrosoft.DEFAULT_APP.toBuilder()
                .redirectUri(
                    FakeMicrosoft.DEFAULT_REDIRECT_URI, app.server.redirectUri().toString())
                .build());
    return app;
  }

  /**
   * Starts the example against Microsoft, configured from {@code ONEDRIVE_*} variables. Register
   * {@code http://localhost:PORT/onedrive-callback} as a redirect URI of the app registration.
   *
   * @param variables the environment
   * @param port the web port
   * @param dataDirectory where the H2 database and the keyset live, or {@code null} for memory
   * @return the running example
   */
  public static ExampleApp startWithMicrosoft(
      Map<String, String> variables, int port, @Nullable Path dataDirectory) {
    return start(
        OneDriveConfig.fromMap(variables),
        b -> b,
        UnaryOperator.identity(),
        port,
        dataDirectory,
        null);
  }

  private static ExampleApp start(
      OneDriveConfig config,
      UnaryOperator<OneDrive.Builder> transport,
      UnaryOperator<URI> browserUrl,
      int port,
      @Nullable Path dataDirectory,
      @Nullable FakeMicrosoft fake) {
    JdbcDataSource dataSource = new JdbcDataSource();
    KeysetHandle keyset;
    if (dataDirectory == null) {
      dataSource.setURL("jdbc:h2:mem:example-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
      keyset = Keysets.generate();
    } else {
      dataSource.setURL(
          "jdbc:h2:file:"
              + dataDirectory.resolve("onedrive").toAbsolutePath()
              + ";DB_CLOSE_DELAY=-1");
      keyset = keyset(dataDirectory.resolve("keyset.json"));
    }
    TokenStore store =
        JdbcTokenStore.builder(dataSource, RecordEncryption.of(keyset)).createSchema(true).build();
    OneDrive oneDrive = transport.apply(OneDrive.builder(config).tokenStore(store)).build();
    try {
      ExampleServer server = new ExampleServer(oneDrive, browserUrl, port);
      return new ExampleApp(fake, oneDrive, store, server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the keyset the records are encrypted with, or creates it on the first start. Kept in
   * cleartext next to the database because this is a demo; a deployment encrypts it with a master
   * key from its key-management service ({@code Keysets.toEncryptedJson}) or keeps it in a secret.
   */
  private static KeysetHandle keyset(Path file) {
    try {
      if (Files.exists(file)) {
        return Keysets.readCleartext(file, CleartextKeyset.ACCEPT_UNPROTECTED);
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      KeysetHandle created = Keysets.generate();
      Files.writeString(file, Keysets.toCleartextJson(created, CleartextKeyset.ACCEPT_UNPROTECTED));
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the keyset in " + file, e);
    }
  }

  /** Returns the address to open in a browser. */
  public URI baseUri() {
    return server.baseUri();
  }

  /** Returns the library instance the example runs on. */
  public OneDrive oneDrive() {
    return oneDrive;
  }

  /** Returns the store holding the integrations. */
  public TokenStore store() {
    return store;
  }

  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "ExampleApp["
        + server.baseUri()
        + (fake == null ? "" : ", fake " + fake.baseUrl())
        + "]";
  }

  /**
   * Starts the example and serves until stopped.
   *
   * @param args {@code --port N} (default 8090), {@code --data DIR} (default: in memory)
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    int port = 8090;
    Path data = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i));
        case "--data" -> data = Path.of(value(args, ++i));
        default ->
            throw new IllegalArgumentException(
                "unknown argument " + args[i] + "; usage: [--port N] [--data DIR]");
      }
    }
    Map<String, String> env = System.getenv();
    ExampleApp app;
    FakeMicrosoft fake = null;
    if (env.containsKey(OneDriveConfig.ENV_CLIENT_ID)) {
      app = startWithMicrosoft(env, port, data);
      System.out.println("Example against Microsoft: " + app.baseUri());
    } else {
      fake = FakeMicrosoft.builder().port(0).start();
      app = startWithFake(fake, port, data);
      System.out.println(
          "Example against the testkit fake at " + fake.baseUrl() + ": " + app.baseUri());
    }
    System.out.println(
        data == null
            ? "Records in memory (start with --data DIR to keep them)"
            : "Records in " + data.toAbsolutePath() + " (H2 database and keyset)");
    System.out.println("Open " + app.baseUri() + "/login; demo users:");
    for (DemoUser u : DemoUser.ALL) {
      System.out.println("  " + u.name() + " / " + u.password() + (u.admin() ? " (admin)" : ""));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    ExampleApp running = app;
    FakeMicrosoft runningFake = fake;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  if (runningFake != null) {
                    runningFake.close();
                  }
                  stopped.countDown();
                }));
    stopped.await();
  }

  private static String value(String[] args, int index) {
    if (index >= args.length) {
      throw new IllegalArgumentException(args[index - 1] + " needs a value");
    }
    return args[index];
  }
}
