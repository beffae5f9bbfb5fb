package io.github.docuelevate.onedrive.testkit.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.testkit.FakeClock;
import io.github.docuelevate.onedrive.testkit.FakeDeviceCode;
import io.github.docuelevate.onedrive.testkit.FakeRefreshToken;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import io.github.docuelevate.onedrive.testkit.RecordedRequest;
import io.github.docuelevate.onedrive.testkit.internal.faults.FaultEngine;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeHttpServer;
import io.github.docuelevate.onedrive.testkit.internal.identity.IdentityPlatform;
import io.github.docuelevate.onedrive.testkit.internal.journal.JournalRecorder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The control API for test suites outside the JVM, under {@link FakeHttpServer#CONTROL_PREFIX}:
 *
 * <ul>
 *   <li>{@code GET /_testkit/info}: base URLs, apps (without secrets), users
 *   <li>{@code POST /_testkit/reset}: same as {@code FakeMicrosoft.reset()}
 *   <li>{@code GET|DELETE /_testkit/journal}: the masked request journal
 *   <li>{@code GET|POST|DELETE /_testkit/faults}, {@code DELETE /_testkit/faults/{id}}: fault rules
 *       as JSON (see {@link #parseRule})
 *   <li>{@code POST /_testkit/identity/sign-in} {@code {"user": "upn-or-id"}} (or {@code null})
 *   <li>{@code POST /_testkit/identity/decline-next-consent}
 *   <li>{@code POST /_testkit/identity/revoke-refresh-tokens} {@code {"user": ...}} (all if absent)
 *   <li>{@code POST /_testkit/identity/refresh-tokens/inspect} {@code {"token": "..."}}: what
 *       {@code FakeIdentity.refreshToken} answers, as JSON (404 for a token never issued)
 *   <li>{@code GET /_testkit/identity/device-codes}: the device codes issued (user codes, status,
 *       polls; never the device codes themselves)
 *   <li>{@code POST /_testkit/identity/device-codes/{userCode}/approve} {@code {"user": ...}},
 *       {@code .../decline}, {@code .../expire}; {@code latest} stands for the newest pending code
 *   <li>{@code POST /_testkit/identity/device-code-settings} {@code {"expiresInSeconds": n,
 *       "intervalSeconds": n, "approveAs": "upn-or-id" or null}} (each field optional)
 *   <li>{@code POST /_testkit/clock/advance} {@code {"seconds": n}} (only with a {@link FakeClock})
 * </ul>
 *
 * Other services add routes below {@code /_testkit/} themselves ({@code FakeHttpServer.route}); the
 * longest prefix wins, so {@code /_testkit/drive/} reaches the Graph fake, not this class.
 */
public final class ControlApi {
  private static final Pattern DEVICE_CODE_ACTION =
      Pattern.compile("^identity/device-codes/([A-Za-z0-9]+)/(approve|decline|expire)$");

  private final Runnable reset;
  private final FaultEngine faults;
  private final JournalRecorder journal;
  private final IdentityPlatform identity;
  private final Clock clock;
  private final Supplier<Map<String, Object>> info;

  /**
   * Creates the API.
   *
   * @param reset resets the whole fake
   * @param faults the fault engine
   * @param journal the journal
   * @param identity the identity platform
   * @param clock the fake's clock (advanced only if it is a {@link FakeClock})
   * @param info what {@code GET /_testkit/info} answers
   */
  public ControlApi(
      Runnable reset,
      FaultEngine faults,
      JournalRecorder journal,
      IdentityPlatform identity,
      Clock clock,
      Supplier<Map<String, Object>> info) {
    this.reset = reset;
    this.faults = faults;
    this.journal = journal;
    this.identity = identity;
    this.clock = clock;
    this.info = info;
  }

  /** Mounts the API on the server. */
  public void register(FakeHttpServer server) {
    server.route(FakeHttpServer.CONTROL_PREFIX, this::handle);
  }

  private void handle(FakeExchange exchange) throws IOException {
    String path = exchange.rawPath().substring(FakeHttpServer.CONTROL_PREFIX.length());
    String method = exchange.method();
    try {
      switch (method + " " + path) {
        case "GET info" -> exchange.respondJson(200, info.get());
        case "POST reset" -> {
          reset.run();
          exchange.respond(204, new byte[0]);
        }
        case "GET journal" -> exchange.respondJson(200, Map.of("requests", journalJson()));
        case "DELETE journal" -> {
          journal.clear();
          exchange.respond(204, new byte[0]);
        }
        case "GET faults" ->
            exchange.respondJson(
                200, Map.of("rules", faults.rules().stream().map(ControlApi::ruleJson).toList()));
        case "POST faults" -> {
          FaultRule rule = parseRule(readJson(exchange));
          faults.add(rule);
          exchange.respondJson(201, ruleJson(rule));
        }
        case "DELETE faults" -> {
          faults.clear();
          exchange.respond(204, new byte[0]);
        }
        case "POST identity/sign-in" -> {
          JsonNode user = readJson(exchange).path("user");
          identity.signInAs(user.isTextual() ? user(user.asText()).objectId() : null);
          exchange.respond(204, new byte[0]);
        }
        case "POST identity/decline-next-consent" -> {
          identity.declineNextConsent();
          exchange.respond(204, new byte[0]);
        }
        case "POST identity/revoke-refresh-tokens" -> {
          JsonNode user = readJson(exchange).path("user");
          int count =
              user.isTextual()
                  ? identity.revokeRefreshTokens(user(user.asText()).objectId())
                  : identity.revokeAllRefreshTokens();
          exchange.respondJson(200, Map.of("revoked", count));
        }
        case "POST identity/refresh-tokens/inspect" -> {
          JsonNode token = readJson(exchange).path("token");
          if (!token.isTextual()) {
            throw new IllegalArgumentException("body must be {\"token\": \"refresh token\"}");
          }
          Optional<FakeRefreshToken> found = identity.inspectRefreshToken(token.asText());
          if (found.isPresent()) {
            exchange.respondJson(200, refreshTokenJson(found.get()));
          } else {
            exchange.respondJson(404, Map.of("error", "the fake never issued this refresh token"));
          }
        }
        case "GET identity/device-codes" ->
            exchange.respondJson(
                200,
                Map.of(
                    "deviceCodes",
                    identity.deviceCodes().stream().map(ControlApi::deviceCodeJson).toList()));
        case "POST identity/device-code-settings" -> {
          deviceCodeSettings(readJson(exchange));
          exchange.respond(204, new byte[0]);
        }
        case "POST clock/advance" -> {
          if (!(clock instanceof FakeClock fakeClock)) {
            throw new IllegalArgumentException("the fake runs on a real clock");
          }
          long seconds = readJson(exchange).path("seconds").asLong(-1);
          if (seconds < 0) {
            throw new IllegalArgumentException("body must be {\"seconds\": n} with n >= 0");
          }
          exchange.respondJson(
              200, Map.of("now", fakeClock.advance(Duration.ofSeconds(seconds)).toString()));
        }
        default -> {
          Matcher deviceCode = DEVICE_CODE_ACTION.matcher(path);
          if (method.equals("POST") && deviceCode.matches()) {
            deviceCodeAction(exchange, deviceCode.group(1), deviceCode.group(2));
          } else if (method.equals("DELETE") && path.startsWith("faults/")) {
            boolean removed = faults.remove(path.substring("faults/".length()));
            exchange.respond(removed ? 204 : 404, new byte[0]);
          } else {
            exchange.respondJson(
                404, Map.of("error", "no control route " + method + " /_testkit/" + path));
          }
        }
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      exchange.respondJson(400, Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  private void deviceCodeAction(FakeExchange exchange, String userCode, String action)
      throws IOException {
    String code = userCode.equals("latest") ? latestPendingUserCode() : userCode;
    switch (action) {
      case "approve" -> {
        JsonNode user = readJson(exchange).path("user");
        if (!user.isTextual()) {
          throw new IllegalArgumentException("body must be {\"user\": \"upn-or-id\"}");
        }
        identity.approveDeviceCode(code, user(user.asText()));
      }
      case "decline" -> {
        JsonNode user = readJson(exchange).path("user");
        identity.declineDeviceCode(code, user.isTextual() ? user(user.asText()) : null);
      }
      default -> identity.expireDeviceCode(code);
    }
    exchange.respondJson(
        200,
        deviceCodeJson(
            identity
                .deviceCode(code)
                .orElseThrow(() -> new IllegalStateException("device code vanished: " + code))));
  }

  private String latestPendingUserCode() {
    List<FakeDeviceCode> codes = identity.deviceCodes();
    for (int i = codes.size() - 1; i >= 0; i--) {
      if (codes.get(i).status() == FakeDeviceCode.Status.PENDING) {
        return codes.get(i).userCode();
      }
    }
    throw new IllegalArgumentException("no pending device code");
  }

  private void deviceCodeSettings(JsonNode json) {
    if (json.has("expiresInSeconds")) {
      long seconds = json.get("expiresInSeconds").asLong(0);
      if (seconds < 1) {
        throw new IllegalArgumentException("expiresInSeconds must be at least 1");
      }
      identity.deviceCodeLifetime(Duration.ofSeconds(seconds));
    }
    if (json.has("intervalSeconds")) {
      long seconds = json.get("intervalSeconds").asLong(-1);
      if (seconds < 0) {
        throw new IllegalArgumentException("intervalSeconds must not be negative");
      }
      identity.deviceCodeInterval(Duration.ofSeconds(seconds));
    }
    if (json.has("approveAs")) {
      JsonNode user = json.get("approveAs");
      identity.approveDeviceCodesAs(user.isTextual() ? user(user.asText()).objectId() : null);
    }
  }

  private static Map<String, Object> refreshTokenJson(FakeRefreshToken token) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("userId", token.userId());
    out.put("clientId", token.clientId());
    out.put("line", token.line());
    out.put("generation", token.generation());
    out.put("issuedAt", token.issuedAt().toString());
    out.put("state", token.state().name());
    out.put("newestOfLine", token.newestOfLine());
    out.put("lineRequests", token.lineRequests());
    return out;
  }

  private static Map<String, Object> deviceCodeJson(FakeDeviceCode code) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("userCode", code.userCode());
    out.put("clientId", code.clientId());
    out.put("permissions", code.permissions().stream().sorted().toList());
    out.put("status", code.status().name());
    out.put("polls", code.polls());
    out.put("expiresAt", code.expiresAt().toString());
    out.put("intervalSeconds", code.interval().toSeconds());
    out.put("userId", code.userId());
    return out;
  }

  private FakeUser user(String idOrUpn) {
    return identity
        .user(idOrUpn)
        .orElseThrow(() -> new IllegalArgumentException("no such user: " + idOrUpn));
  }

  private List<Map<String, Object>> journalJson() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (RecordedRequest r : journal.entries()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("sequence", r.sequence());
      entry.put("time", r.time().toString());
      entry.put("method", r.method());
      entry.put("path", r.path());
      entry.put("query", r.query());
      entry.put("headers", r.headers());
      entry.put("body", r.body());
      entry.put("bodyBytes", r.bodyBytes());
      entry.put("status", r.status());
      entry.put("requestId", r.requestId());
      out.add(entry);
    }
    return out;
  }

  private static JsonNode readJson(FakeExchange exchange) throws IOException {
    byte[] body = exchange.body().readNBytes(64 * 1024);
    if (body.length == 0) {
      return FakeExchange.JSON.createObjectNode();
    }
    try {
      return FakeExchange.JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("body is not JSON");
    }
  }

  static Map<String, Object> ruleJson(FaultRule rule) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", rule.id());
    out.put("method", Optional.ofNullable(rule.method()).orElse("*"));
    out.put("path", rule.pathPattern());
    out.put("action", rule.kind().name());
    out.put("status", rule.status());
    out.put("description", rule.toString());
    return out;
  }

  /**
   * Parses a rule: {@code {"method": "PUT", "path": "/graph-upload/**", "everyNth": 2,
   * "probability": 0.5, "seed": 7, "times": 3, "skipFirst": 0, "action": "error", "status": 503}}.
   * Actions and their fields: {@code throttle} (status, retryAfterSeconds), {@code rateLimit}
   * (requests, windowSeconds), {@code error} (status), {@code quotaExceeded}, {@code
   * resetBeforeResponse}, {@code resetAfterHandling}, {@code resetMidBody} (afterBytes), {@code
   * partialAccept} (afterBytes, retryAfterSeconds), {@code delay} (delayMillis), {@code
   * identityError} (status, error, aadsts, description), {@code outage} (retryAfterSeconds).
   *
   * @throws IllegalArgumentException for an unknown action or a bad value
   */
  public static FaultRule parseRule(JsonNode json) {
    FaultRule.Builder b =
        FaultRule.on(json.path("method").asText("*"), json.path("path").asText("/**"));
    if (json.has("everyNth")) {
      b.everyNth(json.get("everyNth").asInt());
    }
    if (json.has("probability")) {
      b.probability(json.get("probability").asDouble(), json.path("seed").asLong(0));
    }
    if (json.has("times")) {
      b.times(json.get("times").asInt());
    }
    if (json.has("skipFirst")) {
      b.skipFirst(json.get("skipFirst").asInt());
    }
    Duration retryAfter = Duration.ofSeconds(json.path("retryAfterSeconds").asLong(1));
    String action = json.path("action").asText("");
    return switch (action) {
      case "throttle" -> b.throttle(json.path("status").asInt(429), retryAfter);
      case "rateLimit" ->
          b.rateLimit(
              json.path("requests").asInt(),
              Duration.ofSeconds(json.path("windowSeconds").asLong(60)));
      case "error" -> b.error(json.path("status").asInt(500));
      case "quotaExceeded" -> b.quotaExceeded();
      case "resetBeforeResponse" -> b.resetBeforeResponse();
      case "resetAfterHandling" -> b.resetAfterHandling();
      case "resetMidBody" -> b.resetMidBody(json.path("afterBytes").asLong());
      case "partialAccept" -> b.partialAccept(json.path("afterBytes").asLong(), retryAfter);
      case "delay" -> b.delay(Duration.ofMillis(json.path("delayMillis").asLong()));
      case "identityError" ->
          b.identityError(
              json.path("status").asInt(400),
              json.path("error").asText("invalid_request"),
              json.path("aadsts").asInt(90000),
              json.path("description").asText("An injected error."));
      case "outage" -> b.outage(retryAfter);
      default -> throw new IllegalArgumentException("unknown fault action: '" + action + "'");
    };
  }
}
