package io.github.docuelevate.onedrive.internal.wiring;

import io.github.docuelevate.onedrive.AuthorizationFlow;
import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.AuthorizationStart;
import io.github.docuelevate.onedrive.DeviceCodeFlow;
import io.github.docuelevate.onedrive.DeviceCodeOutcome;
import io.github.docuelevate.onedrive.DeviceCodePrompt;
import io.github.docuelevate.onedrive.EnvironmentExport;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationSettings;
import io.github.docuelevate.onedrive.KeepAliveReport;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.event.OneDriveEventListener;
import io.github.docuelevate.onedrive.internal.auth.AuthEngine;
import io.github.docuelevate.onedrive.internal.auth.Authorized;
import io.github.docuelevate.onedrive.internal.auth.IntegrationTokens;
import io.github.docuelevate.onedrive.internal.drive.DriveServices;
import io.github.docuelevate.onedrive.internal.store.Records;
import io.github.docuelevate.onedrive.internal.wiring.IntegrationSessions.IntegrationSession;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.WatchStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The wiring point of one {@link io.github.docuelevate.onedrive.OneDrive}: builds the services in
 * one line (facade -> drive services -> transport, the access tokens of auth handed down as the
 * transport's token source), hands out integration handles, and owns the per-integration caches,
 * evicting an integration's on disconnect, delete, re-authorization and a configured refresh token
 * taking over. Other nodes notice those events through the record. Thread-safe.
 */
public final class OneDriveEngine {
  /** How many integrations a node caches by default (least recently used dropped beyond). */
  public static final int DEFAULT_CACHED_INTEGRATIONS = 10_000;

  private final TokenStore store;
  private final @Nullable WatchStateStore watchStates;
  private final IntegrationKey systemKey;
  private final AuthEngine auth;
  private final DriveServices drives;
  private final IntegrationSessions sessions;
  private final OneDriveEventListener events;
  private final AuthorizationFlow flow = new Flow();
  private final DeviceCodeFlow deviceCodes = new DeviceCodes();
  private volatile boolean legacyChecked;

  /**
   * Creates the services.
   *
   * @param config the system configuration
   * @param systemKey the key of the integration the configuration describes
   * @param store where integrations are kept
   * @param watchStates where folder watches keep their state; {@code null} when there is no such
   *     store (a watch then fails with a {@link
   *     io.github.docuelevate.onedrive.ConfigurationException})
   * @param clock the time source
   * @param transport how to reach Microsoft
   * @param retryPolicy how to retry transient failures
   * @param authorizationTimeout how long a begun authorization is accepted
   * @param expiryMargin how long before expiry a cached access token is replaced
   * @param driveOptions how drive operations talk to Graph
   * @param cachedIntegrations how many integrations the per-integration cache holds at most,
   *     usually {@link #DEFAULT_CACHED_INTEGRATIONS}
   * @param listeners hear the events, in this order; one that throws breaks no operation
   */
  public OneDriveEngine(
      OneDriveConfig config,
      IntegrationKey systemKey,
      TokenStore store,
      @Nullable WatchStateStore watchStates,
      Clock clock,
      TransportOptions transport,
      RetryPolicy retryPolicy,
      Duration authorizationTimeout,
      Duration expiryMargin,
      DriveOptions driveOptions,
      int cachedIntegrations,
      List<OneDriveEventListener> listeners) {
    this.store = store;
    this.watchStates = watchStates;
    this.systemKey = systemKey;
    this.events = new EventDispatcher(listeners);
    this.auth =
        new AuthEngine(
            config,
            store,
            clock,
            transport,
            retryPolicy,
            authorizationTimeout,
            expiryMargin,
            events);
    this.drives =
        new DriveServices(
            config.graphEndpoint(),
            transport,
            store,
            watchStates,
            driveOptions,
            retryPolicy,
            clock,
            events);
    this.sessions = new IntegrationSessions(cachedIntegrations);
  }

  /** Returns the authorization flow. */
  public AuthorizationFlow flow() {
    return flow;
  }

  /** Returns the device-code sign-in. */
  public DeviceCodeFlow deviceCodes() {
    return deviceCodes;
  }

  /**
   * Returns a handle on an existing integration.
   *
   * @param key the integration
   * @return the handle
   * @throws io.github.docuelevate.onedrive.IntegrationNotFoundException if it does not exist
   */
  public OneDriveIntegration integration(IntegrationKey key) {
    moveLegacySystemRecord(key);
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
   * @throws io.github.docuelevate.onedrive.ConfigurationException listing every problem
   * @throws IllegalStateException if the integration exists already
   */
  public OneDriveIntegration create(NewIntegration settings) {
    IntegrationKey key = auth.create(settings, settings.key().equals(systemKey));
    sessions.evict(key);
    return handle(key);
  }

  /**
   * Checks the settings and replaces an integration's record in one write (see {@link
   * AuthEngine#replace}); then drops the state of its folder watches and what this node cached of
   * it, both of the old account.
   *
   * @param settings the settings
   * @return the handle
   */
  public OneDriveIntegration replace(NewIntegration settings) {
    IntegrationKey key = auth.replace(settings, settings.key().equals(systemKey));
    try {
      if (watchStates != null) {
        watchStates.deleteAll(key);
      }
    } finally {
      sessions.evict(key);
    }
    return handle(key);
  }

  /**
   * Returns the system integration, creating its record from the configuration when the store has
   * none (see {@link AuthEngine#system}).
   *
   * @return the handle
   */
  public OneDriveIntegration system() {
    moveLegacySystemRecord(systemKey);
    if (auth.system(systemKey)) {
      sessions.evict(systemKey);
    }
    return handle(systemKey);
  }

  /**
   * Deletes an integration's record with all its secrets, the state of its folder watches, and what
   * this node cached of it.
   *
   * @param key the integration
   * @return whether a record was deleted
   */
  public boolean delete(IntegrationKey key) {
    try {
      boolean deleted = auth.delete(key);
      if (watchStates != null) {
        watchStates.deleteAll(key);
      }
      return deleted;
    } finally {
      sessions.evict(key);
    }
  }

  /**
   * Refreshes every connected delegated integration idle for at least {@code idleAfter}, through
   * the cached tokens of an integration in use (so its cache gets the new token) and through
   * uncached ones otherwise (so the sweep does not flood the cache).
   *
   * @param idleAfter how long a refresh token may stay unused
   * @return what was refreshed and what failed
   */
  public KeepAliveReport keepAlive(Duration idleAfter) {
    return auth.keepAlive(
        idleAfter, key -> sessions.cachedTokens(key).orElseGet(() -> auth.tokensOf(key)));
  }

  /**
   * Writes an integration's configuration as {@code ONEDRIVE_*} variables.
   *
   * @param key the integration
   * @param secrets whether to include the client secret and refresh token
   * @return the variables
   */
  public EnvironmentExport export(IntegrationKey key, EnvironmentExport.Secrets secrets) {
    moveLegacySystemRecord(key);
    return auth.export(key, secrets);
  }

  /**
   * Returns a watch on the system integration's watch folder.
   *
   * @param folderPath the watched folder
   * @param afterProcessing what becomes of a file the handler left in place
   * @return the watch
   */
  public FolderWatch systemWatch(String folderPath, Disposition afterProcessing) {
    FolderWatch watch = system().watchFolder(WatchOptions.builder(folderPath).build());
    return new IngestWatch(watch, afterProcessing);
  }

  /**
   * Changes an integration's settings (see {@link OneDriveIntegration#updateSettings}).
   *
   * @param key the integration
   * @param change derives the new settings from the stored ones
   * @return the record written
   */
  StoredIntegration updateSettings(IntegrationKey key, UnaryOperator<IntegrationSettings> change) {
    moveLegacySystemRecord(key);
    return auth.updateSettings(key, change);
  }

  /**
   * Moves the system integration's record from the key earlier releases used, once per node, when
   * {@code key} is the system integration's.
   */
  private void moveLegacySystemRecord(IntegrationKey key) {
    if (key.equals(systemKey) && !legacyChecked) {
      auth.moveLegacySystemRecord(systemKey);
      legacyChecked = true;
    }
  }

  /** Returns the integration's cached session, building it on first use. */
  IntegrationSession session(IntegrationKey key) {
    return sessions.get(
        key,
        k -> {
          IntegrationTokens tokens = auth.tokensOf(k);
          return new IntegrationSession(tokens, drives.session(k, tokens));
        });
  }

  /** Returns the events' dispatcher, for what the wiring point reports itself. */
  OneDriveEventListener events() {
    return events;
  }

  /** Disconnects an integration and drops what this node cached of it. */
  void disconnect(IntegrationKey key) {
    try {
      auth.disconnect(key);
    } finally {
      sessions.evict(key);
    }
  }

  /** Returns how many integrations this node caches. */
  int cachedIntegrations() {
    return sessions.size();
  }

  private OneDriveIntegration handle(IntegrationKey key) {
    return new IntegrationHandle(key, store, this);
  }

  /** Replaces what this node cached of the integration's previous account with the sign-in. */
  private OneDriveIntegration signedIn(Authorized authorized) {
    IntegrationKey key = authorized.key();
    sessions.evict(key);
    session(key).tokens().remember(authorized.accessToken(), authorized.account());
    return handle(key);
  }

  /** Creates the system integration's record from the configuration when the store has none. */
  private void createSystemRecordIfMissing(IntegrationKey key) {
    moveLegacySystemRecord(key);
    if (key.equals(systemKey) && store.read(systemKey).isEmpty()) {
      system();
    }
  }

  /** The device-code sign-in, with the same record and cache handling as {@link Flow#complete}. */
  private final class DeviceCodes implements DeviceCodeFlow {
    @Override
    public DeviceCodeOutcome signIn(
        IntegrationKey integration, Consumer<DeviceCodePrompt> prompt, Duration timeout) {
      Objects.requireNonNull(integration, "integration");
      Objects.requireNonNull(prompt, "prompt");
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      createSystemRecordIfMissing(integration);
      return auth.deviceCodeSignIn(
          integration,
          prompt,
          timeout,
          authorized -> new DeviceCodeOutcome.SignedIn(signedIn(authorized)));
    }

    @Override
    public String toString() {
      return "DeviceCodeFlow";
    }
  }

  /**
   * The authorization flow: the system integration's record is created on demand, and a completed
   * authorization replaces whatever this node cached of the integration's previous account.
   */
  private final class Flow implements AuthorizationFlow {
    @Override
    public AuthorizationStart begin(AuthorizationRequest request) {
      Objects.requireNonNull(request, "request");
      createSystemRecordIfMissing(request.integration());
      return auth.begin(request);
    }

    @Override
    public OneDriveIntegration complete(String owner, Map<String, String> callbackParameters) {
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(callbackParameters, "callbackParameters");
      return signedIn(auth.complete(owner, callbackParameters));
    }

    @Override
    public String toString() {
      return "AuthorizationFlow";
    }
  }
}
