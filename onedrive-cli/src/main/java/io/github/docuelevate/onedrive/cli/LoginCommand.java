package io.github.docuelevate.onedrive.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.AuthorizationStart;
import io.github.docuelevate.onedrive.DeviceCodeOutcome;
import io.github.docuelevate.onedrive.IntegrationInfo;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code onedrive login}: the authorization code flow with a loopback redirect. Prints the URL to
 * open, receives the browser's callback on {@code http://localhost:PORT} and stores the refresh
 * token (encrypted) in the configuration directory.
 */
@Command(
    name = "login",
    description = {
      "Signs in: prints a URL to open in a browser and waits for the callback on",
      "http://localhost:PORT (register that redirect URI on the app); with --device-code,",
      "prints a code to enter on any other device instead."
    })
final class LoginCommand extends CliCommand {
  @Option(
      names = "--port",
      defaultValue = "0",
      paramLabel = "PORT",
      description = "The loopback port of the redirect URI (default: any free port).")
  int port;

  @Option(
      names = "--timeout",
      defaultValue = "300",
      paramLabel = "SECONDS",
      description = "How long to wait for the browser (default: ${DEFAULT-VALUE} s).")
  long timeoutSeconds = 300;

  @Option(
      names = "--device-code",
      description = {
        "Sign in without a browser here: enter the printed code on any other device.",
        "Needs an app registration that allows public client flows (no client secret)."
      })
  boolean deviceCode;

  LoginCommand(CliRuntime runtime) {
    super(runtime);
  }

  @Override
  int execute(Console console) throws IOException, InterruptedException {
    try (CliSession session = openSession()) {
      OneDrive oneDrive = session.oneDrive();
      oneDrive.systemIntegration();
      if (deviceCode) {
        return withDeviceCode(console, oneDrive);
      }
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      CompletableFuture<OneDriveIntegration> signedIn = new CompletableFuture<>();
      try {
        URI redirect = URI.create("http://localhost:" + server.getAddress().getPort());
        AuthorizationStart start =
            oneDrive
                .authorizationFlow()
                .begin(AuthorizationRequest.of(OneDrive.SYSTEM_INTEGRATION, redirect));
        server.createContext("/", exchange -> callback(exchange, oneDrive, signedIn));
        server.start();
        runtime.err().println("Open this URL in a browser and sign in:");
        runtime.err().println("  " + session.forBrowser(start.authorizationUrl()));
        runtime.err().println("Waiting for the browser at " + redirect + " ...");
        runtime.err().flush();
        OneDriveIntegration integration = await(signedIn);
        report(console, integration.info());
        return ExitCode.OK;
      } finally {
        server.stop(0);
      }
    }
  }

  private int withDeviceCode(Console console, OneDrive oneDrive) {
    DeviceCodeOutcome outcome =
        oneDrive
            .deviceCodeFlow()
            .signIn(
                OneDrive.SYSTEM_INTEGRATION,
                prompt -> {
                  runtime.err().println(prompt.message());
                  runtime.err().println("  code: " + prompt.userCode());
                  runtime.err().println("  at:   " + prompt.verificationUri());
                  runtime.err().println("Waiting for the sign-in ...");
                  runtime.err().flush();
                },
                Duration.ofSeconds(timeoutSeconds));
    if (outcome instanceof DeviceCodeOutcome.SignedIn signedIn) {
      report(console, signedIn.integration().info());
      return ExitCode.OK;
    }
    if (outcome instanceof DeviceCodeOutcome.Declined declined) {
      throw new CliFailure(
          ExitCode.NEEDS_REAUTHORIZATION,
          "the sign-in was declined: " + declined.description(),
          "run `onedrive login --device-code` again and accept the permissions the app asks for");
    }
    if (outcome instanceof DeviceCodeOutcome.Expired) {
      throw new CliFailure(
          ExitCode.NEEDS_REAUTHORIZATION,
          "the code expired before anyone entered it",
          "run `onedrive login --device-code` again and enter the new code in time");
    }
    throw new CliFailure(
        ExitCode.NEEDS_REAUTHORIZATION,
        "nobody entered the code within " + timeoutSeconds + " s",
        "run `onedrive login --device-code` again (--timeout SECONDS waits longer)");
  }

  private OneDriveIntegration await(CompletableFuture<OneDriveIntegration> signedIn)
      throws InterruptedException {
    try {
      return signedIn.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new CliFailure(
          ExitCode.FAILURE,
          "no sign-in arrived within " + timeoutSeconds + " s",
          "run `onedrive login` again and open the URL it prints (or use --device-code)");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException runtimeFailure
          ? runtimeFailure
          : new IllegalStateException("sign-in failed", cause);
    }
  }

  private static void callback(
      HttpExchange exchange, OneDrive oneDrive, CompletableFuture<OneDriveIntegration> signedIn)
      throws IOException {
    Map<String, String> parameters = FakeMicrosoft.queryParameters(exchange.getRequestURI());
    if (!parameters.containsKey("state")) {
      respond(exchange, 404, "This is the onedrive command's sign-in callback.");
      return;
    }
    try {
      OneDriveIntegration integration =
          oneDrive.authorizationFlow().complete(OneDrive.SYSTEM_INTEGRATION.owner(), parameters);
      respond(exchange, 200, "Signed in. You can close this window and go back to the terminal.");
      signedIn.complete(integration);
    } catch (RuntimeException e) {
      respond(exchange, 400, "Sign-in failed; the terminal says why and what to do next.");
      signedIn.completeExceptionally(e);
    }
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body =
        ("<!doctype html><title>onedrive</title><p>" + text + "</p>")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Prints who signed in, as text or JSON. */
  static void report(Console console, IntegrationInfo info) {
    if (console.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("signedInAs", info.username());
      json.put("accountType", info.accountType().name());
      json.put("tenant", info.tenant());
      json.put("status", info.status().name());
      console.printJson(json);
    } else {
      console.result(
          "Signed in as "
              + (info.username() == null ? "(unknown user)" : info.username())
              + " ("
              + info.accountType()
              + "). Next: `onedrive ls`.");
    }
  }
}
