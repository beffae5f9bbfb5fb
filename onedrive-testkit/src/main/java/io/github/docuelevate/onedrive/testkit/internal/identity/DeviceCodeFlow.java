package io.github.docuelevate.onedrive.testkit.internal.identity;

import io.github.docuelevate.onedrive.testkit.FakeApp;
import io.github.docuelevate.onedrive.testkit.FakeDeviceCode;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The device authorization grant: {@code POST /{tenant}/oauth2/v2.0/devicecode} hands out a device
 * code and a user code; the token endpoint's {@code device_code} grant answers {@code
 * authorization_pending} until a test approves (or declines, or expires) the code. State is guarded
 * by this object's monitor, which {@link #await} waits on.
 */
final class DeviceCodeFlow {
  /** Microsoft's default {@code expires_in}: 15 minutes. */
  static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);

  /** Microsoft's default polling {@code interval}: 5 seconds. */
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

  /** Where Microsoft sends the user to enter the code. */
  static final String VERIFICATION_URI = "https://microsoft.com/devicelogin";

  /** The grant type of RFC 8628; msal4j sends the short form {@code device_code}. */
  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

  private static final String USER_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int USER_CODE_LENGTH = 9;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One issued code; mutable, guarded by the flow's monitor. */
  private static final class Issued {
    final String userCode;
    final String clientId;
    final TenantRef tenant;
    final Set<String> permissions;
    final Set<String> oidc;
    final Duration interval;
    Instant expiresAt;
    FakeDeviceCode.Status status = FakeDeviceCode.Status.PENDING;
    @Nullable String userId;
    int polls;

    Issued(
        String userCode,
        String clientId,
        TenantRef tenant,
        Set<String> permissions,
        Set<String> oidc,
        Duration interval,
        Instant expiresAt) {
      this.userCode = userCode;
      this.clientId = clientId;
      this.tenant = tenant;
      this.permissions = Set.copyOf(permissions);
      this.oidc = Set.copyOf(oidc);
      this.interval = interval;
      this.expiresAt = expiresAt;
    }
  }

  /** What an approved code grants: the user, the permissions and the OpenID scopes asked for. */
  record Approval(String userId, Set<String> permissions, Set<String> oidc) {}

  private final IdentityPlatform platform;
  private final Map<String, Issued> byDeviceCode = new LinkedHashMap<>();
  private Duration lifetime = DEFAULT_LIFETIME;
  private Duration interval = DEFAULT_INTERVAL;
  private @Nullable String approveAs;

  DeviceCodeFlow(IdentityPlatform platform) {
    this.platform = platform;
  }

  synchronized void reset() {
    byDeviceCode.clear();
    lifetime = DEFAULT_LIFETIME;
    interval = DEFAULT_INTERVAL;
    approveAs = null;
    notifyAll();
  }

  // ---------------------------------------------------------------- the endpoint

  /** Answers {@code POST /{tenant}/oauth2/v2.0/devicecode}. */
  void handle(FakeExchange exchange, TenantRef tenant) throws IOException {
    if (!exchange.method().equals("POST")) {
      throw AadError.postOnly(exchange.method());
    }
    Map<String, String> form = new LinkedHashMap<>(exchange.readForm());
    exchange.query().forEach(form::putIfAbsent);
    String clientId = form.get("client_id");
    if (clientId == null || clientId.isBlank()) {
      throw AadError.missingParameter("client_id");
    }
    FakeApp app = platform.app(clientId).orElseThrow(() -> AadError.unknownApp(clientId, tenant));
    String rawScope = form.get("scope");
    if (rawScope == null || rawScope.isBlank()) {
      throw AadError.missingParameter("scope");
    }
    ScopeRequest scopes = ScopeRequest.parse(rawScope);
    Set<String> permissions = scopes.resolve(app.delegatedPermissions());
    String deviceCode = "DAQAB" + Jwts.randomToken(96);
    Issued issued;
    String autoUser;
    synchronized (this) {
      issued =
          new Issued(
              newUserCode(),
              app.clientId(),
              tenant,
              permissions,
              scopes.oidc(),
              interval,
              platform.now().plus(lifetime));
      byDeviceCode.put(deviceCode, issued);
      autoUser = approveAs;
      notifyAll();
    }
    Optional<FakeUser> user = autoUser == null ? Optional.empty() : platform.user(autoUser);
    if (user.isPresent() && tenant.admits(user.get())) {
      approve(issued.userCode, user.get());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user_code", issued.userCode);
    body.put("device_code", deviceCode);
    body.put("verification_uri", VERIFICATION_URI);
    body.put("expires_in", lifetime.toSeconds());
    body.put("interval", issued.interval.toSeconds());
    body.put(
        "message",
        "To sign in, use a web browser to open the page "
            + VERIFICATION_URI
            + " and enter the code "
            + issued.userCode
            + " to authenticate.");
    exchange.responseHeader("Cache-Control", "no-store, no-cache");
    exchange.respondJson(200, body);
  }

  private String newUserCode() {
    while (true) {
      StringBuilder code = new StringBuilder(USER_CODE_LENGTH);
      for (int i = 0; i < USER_CODE_LENGTH; i++) {
        code.append(USER_CODE_ALPHABET.charAt(RANDOM.nextInt(USER_CODE_ALPHABET.length())));
      }
      String candidate = code.toString();
      if (byDeviceCode.values().stream().noneMatch(i -> i.userCode.equals(candidate))) {
        return candidate;
      }
    }
  }

  // ---------------------------------------------------------------- the grant

  /**
   * One poll of the token endpoint: returns the approval once (the code is then used up), or throws
   * the error the client must act on.
   */
  synchronized Approval poll(String deviceCode, String clientId) {
    Issued issued = byDeviceCode.get(deviceCode);
    if (issued == null) {
      throw new AadError(
          400,
          "bad_verification_code",
          70018,
          "The provided value for the input parameter 'device_code' is not valid: the device code"
              + " was not recognized.");
    }
    issued.polls++;
    notifyAll();
    if (!issued.clientId.equals(clientId)) {
      throw AadError.invalidGrant(
          70000, "The provided device code was issued to a different client.");
    }
    if (issued.status == FakeDeviceCode.Status.REDEEMED) {
      throw AadError.invalidGrant(
          54005, "OAuth2 device code was already redeemed, please start a new device code flow.");
    }
    if (!platform.now().isBefore(issued.expiresAt)) {
      issued.status = FakeDeviceCode.Status.EXPIRED;
      throw new AadError(
          400,
          "expired_token",
          70019,
          "Verification code expired: the user did not sign in within the time given. Start a new"
              + " device code flow.");
    }
    return switch (issued.status) {
      case PENDING ->
          throw new AadError(
              400,
              "authorization_pending",
              70016,
              "The provided request has not yet been authorized by the user. The user must input"
                  + " their code.");
      case DECLINED ->
          throw new AadError(
              400, "authorization_declined", 65004, "The user declined the authorization request.");
      case APPROVED -> {
        issued.status = FakeDeviceCode.Status.REDEEMED;
        notifyAll();
        yield new Approval(Objects.requireNonNull(issued.userId), issued.permissions, issued.oidc);
      }
      case REDEEMED, EXPIRED -> throw new IllegalStateException("handled above");
    };
  }

  // ---------------------------------------------------------------- test controls

  /**
   * Signs the user in on the verification page and records their consent. The platform's lock is
   * never taken while this one is held (the platform's reset takes them the other way round).
   */
  void approve(String userCode, FakeUser user) {
    Issued issued;
    synchronized (this) {
      issued = pending(userCode);
    }
    if (!issued.tenant.admits(user)) {
      throw new IllegalArgumentException(
          "user "
              + user.userPrincipalName()
              + " cannot sign in through the tenant segment '"
              + issued.tenant.segment()
              + "' the device code was requested for");
    }
    platform.grantConsent(user.objectId(), issued.clientId, issued.permissions);
    synchronized (this) {
      pending(userCode);
      issued.status = FakeDeviceCode.Status.APPROVED;
      issued.userId = user.objectId();
      notifyAll();
    }
  }

  synchronized void decline(String userCode, @Nullable FakeUser user) {
    Issued issued = pending(userCode);
    issued.status = FakeDeviceCode.Status.DECLINED;
    issued.userId = user == null ? null : user.objectId();
    notifyAll();
  }

  synchronized void expire(String userCode) {
    Issued issued = find(userCode);
    if (issued.status != FakeDeviceCode.Status.REDEEMED) {
      issued.expiresAt = platform.now();
      issued.status = FakeDeviceCode.Status.EXPIRED;
    }
    notifyAll();
  }

  synchronized void approveAs(@Nullable String userId) {
    approveAs = userId;
  }

  synchronized void lifetime(Duration lifetime) {
    this.lifetime = lifetime;
  }

  synchronized void interval(Duration interval) {
    this.interval = interval;
  }

  synchronized Duration lifetime() {
    return lifetime;
  }

  synchronized Duration interval() {
    return interval;
  }

  synchronized List<FakeDeviceCode> codes() {
    List<FakeDeviceCode> out = new ArrayList<>();
    for (Issued issued : byDeviceCode.values()) {
      out.add(view(issued));
    }
    return out;
  }

  synchronized Optional<FakeDeviceCode> code(String userCode) {
    return byDeviceCode.values().stream()
        .filter(i -> i.userCode.equalsIgnoreCase(userCode))
        .findFirst()
        .map(this::view);
  }

  /** Waits until an issued code matches; returns the newest one that does. */
  synchronized FakeDeviceCode await(Predicate<FakeDeviceCode> condition, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<FakeDeviceCode> codes = codes();
      for (int i = codes.size() - 1; i >= 0; i--) {
        if (condition.test(codes.get(i))) {
          return codes.get(i);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException("no device code matched within " + timeout + ": " + codes);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  private FakeDeviceCode view(Issued issued) {
    FakeDeviceCode.Status status = issued.status;
    if ((status == FakeDeviceCode.Status.PENDING || status == FakeDeviceCode.Status.APPROVED)
        && !platform.now().isBefore(issued.expiresAt)) {
      status = FakeDeviceCode.Status.EXPIRED;
    }
    return new FakeDeviceCode(
        issued.userCode,
        issued.clientId,
        issued.permissions,
        status,
        issued.polls,
        issued.expiresAt,
        issued.interval,
        issued.userId);
  }

  private Issued find(String userCode) {
    return byDeviceCode.values().stream()
        .filter(i -> i.userCode.equalsIgnoreCase(userCode))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no device code with user code " + userCode));
  }

  private Issued pending(String userCode) {
    Issued issued = find(userCode);
    if (issued.status != FakeDeviceCode.Status.PENDING
        || !platform.now().isBefore(issued.expiresAt)) {
      throw new IllegalStateException(
          "device code " + userCode + " is " + view(issued).status() + ", not PENDING");
    }
    return issued;
  }
}
