package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.AuthorizationFlow;
import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.EnvironmentExport;
import io.github.docuelevate.onedrive.KeepAliveReport;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.internal.drive.DriveServices;
import io.github.docuelevate.onedrive.internal.path.OneDrivePathRules;
import io.github.docuelevate.onedrive.spi.IntegrationKey;
import io.github.docuelevate.onedrive.spi.IntegrationStatus;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the authorization and token services for {@link io.github.docuelevate.onedrive.OneDrive}.
 */
public final class AuthEngine {
  private static final Logger LOG = LoggerFactory.getLogger(AuthEngine.class);

  private final OneDriveConfig config;
  private final TokenStore store;
  private final Clock clock;
  private final TokenService tokens;
  private final AuthorizationService flow;
  private final DriveServices drives;

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
   * @param driveOptions how drive operations talk to Graph
   */
  public AuthEngine(
      OneDriveConfig config,
      TokenStore store,
      Clock clock,
      TransportOptions transport,
      RetryPolicy retryPolicy,
      Duration authorizationTimeout,
      Duration expiryMargin,
      DriveOptions driveOptions) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    MsalGateway gateway = new MsalGateway(config.authorityHost(), transport, clock);
    Retrier retrier = new Retrier(retryPolicy);
    this.tokens = new TokenService(store, clock, gateway, retrier, config, expiryMargin);
    this.drives =
        new DriveServices(config.graphEndpoint(), transport, driveOptions, retryPolicy, clock);
    this.flow =
        new AuthorizationService(
            store,
            clock,
            gateway,
            retrier,
            tokens,
            config,
            authorizationTimeout,
            new SecureRandom(),
            this::handle,
            this::system);
  }

  /** Returns the authorization flow. */
  public AuthorizationFlow flow() {
    return flow;
  }

  /**
   * Returns a handle on an existing integration.
   *
   * @param key the integration
   * @return the handle
   * @throws io.github.docuelevate.onedrive.IntegrationNotFoundException if it does not exist
   */
  public OneDriveIntegration integration(IntegrationKey key) {
    Records.read(store, key);
    return handle(key);
  }

  /**
   * Returns the handles of one owner's integrations.
   *
   * @param owner the owner
   * @return the handles, ordered by integration id
   */
  public List<OneDriveIntegration> integrations(String owner) {
    List<OneDriveIntegration> handles = new ArrayList<>();
    for (StoredIntegration record : store.listByOwner(owner)) {
      handles.add(handle(record.key()));
    }
    return handles;
  }

  /**
   * Checks the settings and stores a new integration.
   *
   * @param settings the settings
   * @return the handle
   * @throws ConfigurationException listing every problem with the settings
   * @throws IllegalStateException if the integration exists already
   */
  public OneDriveIntegration create(NewIntegration settings) {
    AccountType type = settings.accountType();
    String tenant = settings.tenant();
    if (tenant == null) {
      tenant =
          type == AccountType.PERSONAL && !Tenants.acceptsPersonalAccounts(config.tenant())
              ? Tenants.CONSUMERS
              : config.tenant();
    }
    List<String> problems = new ArrayList<>();
    String ownClientId = settings.clientId();
    if (ownClientId != null && ownClientId.isEmpty()) {
      problems.add("the own app registration's client id is empty");
    }
    boolean confidential =
        ownClientId != null ? settings.clientSecret() != null : config.confidential();
    if (Tenants.isValid(tenant)) {
      AccountStrategy.of(type).check(tenant, settings.driveTarget(), false, confidential, problems);
    } else {
      problems.add(
          "the tenant must be common, organizations, consumers, a tenant id or a domain; got '"
              + tenant
              + "'");
    }
    String folder = settings.folderPath();
    if (folder != null) {
      OneDrivePathRules.checkPath(folder)
          .ifPresent(v -> problems.add("the folder path is refused: " + v.message()));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    Instant now = clock.instant();
    StoredIntegration record =
        StoredIntegration.builder(settings.key(), type, tenant, now)
            .status(
                type == AccountType.APP_ONLY
                    ? IntegrationStatus.CONNECTED
                    : IntegrationStatus.PENDING_AUTHORIZATION)
            .clientId(ownClientId)
            .clientSecret(settings.clientSecret())
            .driveTarget(settings.driveTarget())
            .folderPath(folder)
            .build();
    if (!store.compareAndSet(TokenStore.ABSENT, record)) {
      throw new IllegalStateException("integration " + settings.key() + " exists already");
    }
    LOG.info("Integration {} created ({})", settings.key(), type);
    return handle(settings.key());
  }

  /**
   * Returns the system integration, creating its record from the configuration when the store has
   * none. A refresh token in the configuration is adopted only when the stored record holds no
   * working one: a stored, rotated token is newer than the one the configuration was written with.
   *
   * @param key the system integration's key
   * @return the handle
   */
  public OneDriveIntegration system(IntegrationKey key) {
    Optional<StoredIntegration> existing = store.read(key);
    Secret configured = config.refreshToken();
    if (existing.isEmpty()) {
      Instant now = clock.instant();
      boolean ready = configured != null || config.accountType() == AccountType.APP_ONLY;
      StoredIntegration record =
          StoredIntegration.builder(key, config.accountType(), config.tenant(), now)
              .status(ready ? IntegrationStatus.CONNECTED : IntegrationStatus.PENDING_AUTHORIZATION)
              .refreshToken(configured)
              .driveTarget(config.driveTarget())
              .folderPath(config.folderPath())
              .build();
      if (store.compareAndSet(TokenStore.ABSENT, record)) {
        LOG.info("System integration {} created from the configuration", key);
      }
    } else if (configured != null
        && existing.get().status() != IntegrationStatus.CONNECTED
        && !Objects.equals(configured, existing.get().refreshToken())) {
      Records.update(
          store,
          key,
          current -> {
            if (current.status() == IntegrationStatus.CONNECTED
                || Objects.equals(configured, current.refreshToken())) {
              return null;
            }
            return current
                .nextVersion(clock.instant())
                .refreshToken(configured)
                .status(IntegrationStatus.CONNECTED)
                .lastError(null, null);
          });
      tokens.forget(key);
      LOG.info("System integration {} took the refresh token from the configuration", key);
    }
    return handle(key);
  }

  /**
   * Deletes an integration's record with all its secrets.
   *
   * @param key the integration
   * @return whether a record was deleted
   */
  public boolean delete(IntegrationKey key) {
    boolean deleted = store.delete(key);
    tokens.forget(key);
    if (deleted) {
      LOG.info("Integration {} deleted", key);
    }
    return deleted;
  }

  /**
   * Refreshes every connected delegated integration idle for at least {@code idleAfter}.
   *
   * @param idleAfter how long a refresh token may stay unused
   * @return what was refreshed and what failed
   */
  public KeepAliveReport keepAlive(Duration idleAfter) {
    return tokens.keepAlive(idleAfter);
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
    OneDriveConfig.Builder b =
        config.toBuilder()
            .tenant(record.tenant())
            .accountType(record.accountType())
            .refreshToken(record.refreshToken())
            .driveTarget(record.driveTarget())
            .folderPath(record.folderPath());
    String ownClientId = record.clientId();
    if (ownClientId != null) {
      OneDriveConfig.Builder own =
          OneDriveConfig.builder()
              .clientId(ownClientId)
              .tenant(record.tenant())
              .accountType(record.accountType())
              .refreshToken(record.refreshToken())
              .driveTarget(record.driveTarget())
              .folderPath(record.folderPath())
              .authorityHost(config.authorityHost())
              .graphEndpoint(config.graphEndpoint());
      Secret ownSecret = record.clientSecret();
      if (ownSecret != null) {
        own.clientSecret(ownSecret);
      }
      b = own;
    }
    return b.build().toEnvironment(secrets);
  }

  private OneDriveIntegration handle(IntegrationKey key) {
    return new IntegrationHandle(key, store, tokens, clock, drives);
  }
}
