package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.AuthorizationStart;
import io.github.docuelevate.onedrive.ConcurrentUpdateException;
import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.DeviceCodeFlow;
import io.github.docuelevate.onedrive.DeviceCodeOutcome;
import io.github.docuelevate.onedrive.DeviceCodePrompt;
import io.github.docuelevate.onedrive.EnvironmentExport;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationSettings;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.KeepAliveReport;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.event.OneDriveEventListener;
import io.github.docuelevate.onedrive.internal.store.AccountBinding;
import io.github.docuelevate.onedrive.internal.store.Records;
import io.github.docuelevate.onedrive.internal.transport.Backoff;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization and token services of one {@link io.github.docuelevate.onedrive.OneDrive}:
 * creating, authorizing, disconnecting and deleting integrations, and their access tokens. Knows
 * integrations by key only; the wiring point turns keys into handles and evicts its caches on the
 * events this class reports.
 */
public final class AuthEngine {
  private static final Logger LOG = LoggerFactory.getLogger(AuthEngine.class);

  /** Where releases before the reserved owner namespace kept the system integration. */
  static final IntegrationKey LEGACY_SYSTEM_KEY = new IntegrationKey("system", "default");

  private static final int MAX_SETTINGS_ROUNDS = 16;

  /** How often {@link #replace} re-reads a record that others kept writing. */
  private static final int MAX_REPLACE_ATTEMPTS = 16;

  private final OneDriveConfig config;
  private final TokenStore store;
  private final Clock clock;
  private final TokenService tokens;
  private final AuthorizationService flow;
  private final DeviceCodeService deviceCodes;

  /**
   * Creates the services.
   *
   * @param config the system configuration
   * @param store where integrations are kept
   * @param clock the time source
   * @param transport how to reach Microsoft
   * @param retryPolicy how to retry transient failures
   * @param authorizationTimeout how long a begun authorization is accepted
   * @param expiryMargin how long before expiry a cached access token is replaced
   * @param events hears token refreshes, rotations, re-authorization marks and retries; must not
   *     throw
   */
  public AuthEngine(
      OneDriveConfig config,
      TokenStore store,
      Clock clock,
      TransportOptions transport,
      RetryPolicy retryPolicy,
      Duration authorizationTimeout,
      Duration expiryMargin,
      OneDriveEventListener events) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    MsalGateway gateway = new MsalGateway(config.authorityHost(), transport, clock);
    Retrier retrier = new Retrier(retryPolicy, events);
    this.tokens =
        new TokenService(
            store, clock, gateway, retrier, new Backoff(retryPolicy), config, expiryMargin, events);
    this.flow =
        new AuthorizationService(
            store,
            clock,
            gateway,
            retrier,
            tokens,
            config,
            authorizationTimeout,
            new SecureRandom());
    this.deviceCodes =
        new DeviceCodeService(
            store,
            clock,
            gateway,
            new DeviceCodeHttp(config.authorityHost(), transport, clock),
            tokens,
            config);
  }

  /**
   * Runs a device-code sign-in (see {@link DeviceCodeFlow#signIn}) of an integration whose record
   * exists.
   *
   * @param key the integration
   * @param prompt receives the code to show
   * @param timeout how long to wait for the user
   * @param signedIn turns the stored sign-in into the caller's outcome
   * @return what happened
   */
  public DeviceCodeOutcome deviceCodeSignIn(
      IntegrationKey key,
      Consumer<DeviceCodePrompt> prompt,
      Duration timeout,
      Function<Authorized, DeviceCodeOutcome> signedIn) {
    return deviceCodes.signIn(key, prompt, timeout, signedIn);
  }

  /**
   * Begins an authorization (see {@link io.github.docuelevate.onedrive.AuthorizationFlow#begin}).
   *
   * @param request the integration and redirect URI
   * @return the URL to send the browser to
   */
  public AuthorizationStart begin(AuthorizationRequest request) {
    return flow.begin(request);
  }

  /**
   * Completes an authorization (see {@link
   * io.github.docuelevate.onedrive.AuthorizationFlow#complete}).
   *
   * @param owner the signed-in user of the host application
   * @param callbackParameters the callback's query parameters
   * @return the integration authorized and its first access token
   */
  public Authorized complete(String owner, Map<String, String> callbackParameters) {
    return flow.complete(owner, callbackParameters);
  }

  /**
   * Returns new, empty access-token state of one integration (cache and single flight).
   *
   * @param key the integration
   * @return the tokens
   */
  public IntegrationTokens tokensOf(IntegrationKey key) {
    return tokens.tokensOf(key);
  }

  /**
   * Checks the settings and stores a new integration.
   *
   * @param settings the settings
   * @param systemKey whether the key is the system integration's own (in the reserved namespace,
   *     and created there on purpose: a system integration with its own app registration)
   * @return the integration's key
   * @throws ConfigurationException listing every problem with the settings
   * @throws IllegalStateException if the integration exists already
   */
  public IntegrationKey create(NewIntegration settings, boolean systemKey) {
    StoredIntegration record = newRecord(settings, systemKey);
    if (!store.compareAndSet(TokenStore.ABSENT, record)) {
      throw new IllegalStateException("integration " + settings.key() + " exists already");
    }
    LOG.info("Integration {} created ({})", settings.key(), settings.accountType());
    return settings.key();
  }

  /**
   * Replaces an integration's record with one made from {@code settings}, in one compare-and-set: a
   * store that refuses the write, or settings with problems, leave the old record as it was.
   * Nothing of the old record is kept (its tokens belong to the old registration) but its creation
   * time and attributes. Creates the record when there is none.
   *
   * @param settings the settings
   * @param systemKey whether the key is the system integration's own
   * @return the integration's key
   * @throws ConfigurationException listing every problem with the settings, before any write
   * @throws ConcurrentUpdateException if other writers kept changing the record
   */
  public IntegrationKey replace(NewIntegration settings, boolean systemKey) {
    StoredIntegration fresh = newRecord(settings, systemKey);
    for (int attempt = 0; attempt < MAX_REPLACE_ATTEMPTS; attempt++) {
      Optional<StoredIntegration> old = store.read(settings.key());
      long expected = old.map(StoredIntegration::version).orElse(TokenStore.ABSENT);
      StoredIntegration.Builder record = fresh.toBuilder().version(expected + 1);
      old.ifPresent(o -> record.createdAt(o.createdAt()).attributes(o.attributes()));
      if (store.compareAndSet(expected, record.build())) {
        LOG.info("Integration {} replaced ({})", settings.key(), settings.accountType());
        return settings.key();
      }
    }
    throw new ConcurrentUpdateException(
        "integration "
            + settings.key()
            + " changed during each of "
            + MAX_REPLACE_ATTEMPTS
            + " attempts to replace it; try again");
  }

  /** Checks {@code settings} and builds the record of a new integration (version 1). */
  private StoredIntegration newRecord(NewIntegration settings, boolean systemKey) {
    AccountType type = settings.accountType();
    String tenant = settings.tenant();
    if (tenant == null) {
      tenant =
          type == AccountType.PERSONAL && !Tenants.acceptsPersonalAccounts(config.tenant())
              ? Tenants.CONSUMERS
              : config.tenant();
    }
    List<String> problems = new ArrayList<>();
    if (settings.key().reserved() && !systemKey) {
      problems.add(
          "the owner '"
              + settings.key().owner()
              + "' is reserved for the library's own integrations (owners starting with '"
              + IntegrationKey.RESERVED_OWNER_PREFIX
              + "')");
    }
    String ownClientId = settings.clientId();
    if (ownClientId != null && ownClientId.isEmpty()) {
      problems.add("the own app registration's client id is empty");
    }
    boolean confidential =
        ownClientId != null ? settings.clientSecret() != null : config.confidential();
    AccountStrategy.of(type).checkCredentials(false, confidential, problems);
    IntegrationSettings checked = null;
    try {
      checked =
          IntegrationSettings.builder(type, tenant)
              .driveTarget(settings.driveTarget())
              .folderPath(settings.folderPath())
              .build();
    } catch (ConfigurationException e) {
      problems.addAll(0, e.problems());
    }
    if (!problems.isEmpty() || checked == null) {
      throw new ConfigurationException(problems);
    }
    return StoredIntegration.builder(settings.key(), checked, clock.instant())
        .status(
            type == AccountType.APP_ONLY
                ? IntegrationStatus.CONNECTED
                : IntegrationStatus.PENDING_AUTHORIZATION)
        .clientId(ownClientId)
        .clientSecret(settings.clientSecret())
        .build();
  }

  /**
   * Returns the system integration, creating its record from the configuration when the store has
   * none. A refresh token in the configuration is adopted only when the stored record holds no
   * working one: a stored, rotated token is newer than the one the configuration was written with.
   *
   * @param key the system integration's key
   * @return whether the record took the configured refresh token (the account behind it may have
   *     changed: caches of the integration must go)
   */
  public boolean system(IntegrationKey key) {
    Optional<StoredIntegration> existing = store.read(key);
    Secret configured = config.refreshToken();
    if (existing.isEmpty()) {
      Instant now = clock.instant();
      boolean ready = configured != null || config.accountType() == AccountType.APP_ONLY;
      StoredIntegration record =
          StoredIntegration.builder(key, config.systemSettings(), now)
              .status(ready ? IntegrationStatus.CONNECTED : IntegrationStatus.PENDING_AUTHORIZATION)
              .refreshToken(configured)
              .build();
      if (store.compareAndSet(TokenStore.ABSENT, record)) {
        LOG.info("System integration {} created from the configuration", key);
      }
      return false;
    }
    if (configured != null
        && existing.get().status() != IntegrationStatus.CONNECTED
        && !Objects.equals(configured, existing.get().refreshToken())) {
      boolean took =
          Records.update(
                  store,
                  key,
                  current -> {
                    if (current.status() == IntegrationStatus.CONNECTED
                        || Objects.equals(configured, current.refreshToken())) {
                      return null;
                    }
                    // The configured token may belong to another account than the one it replaces.
                    return AccountBinding.clear(
                        current
                            .nextVersion(clock.instant())
                            .refreshToken(configured)
                            .homeAccountId(null)
                            .username(null)
                            .status(IntegrationStatus.CONNECTED)
                            .lastError(null, null));
                  })
              .isPresent();
      if (took) {
        LOG.info("System integration {} took the refresh token from the configuration", key);
      }
      return took;
    }
    return false;
  }

  /**
   * Moves a system integration's record stored by an earlier release under {@code system/default}
   * to {@code key}, when {@code key} has no record yet: the record is copied as it is (secrets,
   * settings, watch state) at version 1, then the old one is deleted.
   *
   * @param key the system integration's key
   */
  public void moveLegacySystemRecord(IntegrationKey key) {
    if (key.equals(LEGACY_SYSTEM_KEY) || store.read(key).isPresent()) {
      return;
    }
    Optional<StoredIntegration> legacy = store.read(LEGACY_SYSTEM_KEY);
    if (legacy.isEmpty()) {
      return;
    }
    if (store.compareAndSet(TokenStore.ABSENT, Records.rekey(legacy.get(), key))) {
      store.delete(LEGACY_SYSTEM_KEY);
      LOG.info("System integration moved from {} to {}", LEGACY_SYSTEM_KEY, key);
    }
  }

  /**
   * Changes an integration's settings with compare-and-set. The new settings are derived from the
   * stored ones and checked before anything is written; a write lost to a token refresh or a watch
   * is tried again, one lost to another change of the settings is not.
   *
   * @param key the integration
   * @param change derives the new settings from the stored ones
   * @return the record written (the one read when nothing changed)
   * @throws ConcurrentUpdateException if another writer changed the settings meanwhile; nothing was
   *     written
   * @throws ConfigurationException if the new settings change the account type or the tenant
   */
  public StoredIntegration updateSettings(
      IntegrationKey key, UnaryOperator<IntegrationSettings> change) {
    StoredIntegration current = Records.read(store, key);
    IntegrationSettings before = current.settings();
    IntegrationSettings after = Objects.requireNonNull(change.apply(before), "changed settings");
    if (after.accountType() != before.accountType() || !after.tenant().equals(before.tenant())) {
      throw new ConfigurationException(
          "the account type and tenant of integration "
              + key
              + " are fixed when it is created ("
              + before.accountType()
              + ", "
              + before.tenant()
              + "); create another integration for another account");
    }
    if (after.equals(before)) {
      return current;
    }
    for (int round = 0; round < MAX_SETTINGS_ROUNDS; round++) {
      if (!sameSettings(current, before)) {
        throw new ConcurrentUpdateException(
            "the settings of integration "
                + key
                + " were changed by another writer meanwhile; nothing was written: read them"
                + " again and retry");
      }
      StoredIntegration next = current.nextVersion(clock.instant()).settings(after).build();
      if (store.compareAndSet(current.version(), next)) {
        LOG.info("Integration {}: settings changed to {}", key, after);
        return next;
      }
      current = Records.read(store, key);
    }
    throw new ConcurrentUpdateException(
        "the record of integration "
            + key
            + " kept changing; gave up after "
            + MAX_SETTINGS_ROUNDS
            + " writes");
  }

  private static boolean sameSettings(StoredIntegration record, IntegrationSettings settings) {
    return record.accountType() == settings.accountType()
        && record.tenant().equals(settings.tenant())
        && Objects.equals(record.driveTarget(), settings.driveTarget())
        && Objects.equals(record.folderPath(), settings.folderPath());
  }

  /**
   * Deletes an integration's record with all its secrets.
   *
   * @param key the integration
   * @return whether a record was deleted
   */
  public boolean delete(IntegrationKey key) {
    boolean deleted = store.delete(key);
    if (deleted) {
      LOG.info("Integration {} deleted", key);
    }
    return deleted;
  }

  /**
   * Refreshes every connected delegated integration idle for at least {@code idleAfter}.
   *
   * @param idleAfter how long a refresh token may stay unused
   * @param tokensOf the access-token state to refresh each integration through
   * @return what was refreshed and what failed
   */
  public KeepAliveReport keepAlive(
      Duration idleAfter, Function<IntegrationKey, IntegrationTokens> tokensOf) {
    return tokens.keepAlive(idleAfter, tokensOf);
  }

  /**
   * Disconnects an integration: deletes its refresh token, own client secret and pending
   * authorization, forgets the account behind it and marks it disconnected.
   *
   * @param key the integration
   * @throws io.github.docuelevate.onedrive.IntegrationNotFoundException if it does not exist
   */
  public void disconnect(IntegrationKey key) {
    Records.update(
        store,
        key,
        current ->
            AccountBinding.clear(
                current
                    .nextVersion(clock.instant())
                    .status(IntegrationStatus.DISCONNECTED)
                    .refreshToken(null)
                    .clientSecret(null)
                    .pendingAuthorization(null)
                    .homeAccountId(null)
                    .username(null)));
    LOG.info("Integration {} disconnected", key);
  }

  /**
   * Writes an integration's configuration as {@code ONEDRIVE_*} variables.
   *
   * @param key the integration
   * @param secrets whether to include the client secret and refresh token
   * @return the variables
   */
  public EnvironmentExport export(IntegrationKey key, EnvironmentExport.Secrets secrets) {
    StoredIntegration record = Records.read(store, key);
    String ownClientId = record.clientId();
    OneDriveConfig.Builder b =
        ownClientId == null
            ? config.toBuilder()
            : OneDriveConfig.builder()
                .app(
                    config.app().toBuilder()
                        .clientId(ownClientId)
                        .clientSecret(record.clientSecret())
                        .clientCertificate(null)
                        .build());
    return b.systemSettings(record.settings())
        .refreshToken(record.refreshToken())
        .build()
        .toEnvironment(secrets);
  }
}
