package io.github.docuelevate.onedrive;

import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.event.OneDriveEventListener;
import io.github.docuelevate.onedrive.internal.wiring.OneDriveEngine;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.WatchStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: built once per application from a {@link OneDriveConfig} and a {@link
 * TokenStore}, it authorizes integrations and hands out {@link OneDriveIntegration}s. Thread-safe;
 * several instances (on several worker nodes) may share one store.
 *
 * <pre>{@code
 * OneDrive oneDrive = OneDrive.builder(OneDriveConfig.fromEnvironment())
 *     .tokenStore(store)
 *     .build();
 * AccessToken token = oneDrive.systemIntegration().accessToken();
 * }</pre>
 */
public final class OneDrive {
  /**
   * The key of the integration configured by {@link OneDriveConfig} (the setup wizard's), in the
   * owner namespace reserved for the library ({@link IntegrationKey#RESERVED_OWNER_PREFIX}), so no
   * host user's integration can collide with it. A record stored by an earlier release under {@code
   * system/default} is moved here on first use.
   */
  public static final IntegrationKey SYSTEM_INTEGRATION =
      new IntegrationKey(IntegrationKey.RESERVED_OWNER_PREFIX + "system", "default");

  private final OneDriveConfig config;
  private final Duration keepAliveAfter;
  private final OneDriveEngine engine;

  private OneDrive(Builder b, TokenStore store, @Nullable WatchStateStore watchStates) {
    this.config = b.config;
    this.keepAliveAfter = b.keepAliveAfter;
    this.engine =
        new OneDriveEngine(
            b.config,
            SYSTEM_INTEGRATION,
            store,
            watchStates,
            b.clock,
            b.transport,
            b.retryPolicy,
            b.authorizationTimeout,
            b.accessTokenExpiryMargin,
            b.driveOptions,
            OneDriveEngine.DEFAULT_CACHED_INTEGRATIONS,
            b.eventListeners);
  }

  /**
   * Starts a builder.
   *
   * @param config the system configuration
   * @return the builder
   */
  public static Builder builder(OneDriveConfig config) {
    return new Builder(config);
  }

  /** Returns the system configuration. */
  public OneDriveConfig config() {
    return config;
  }

  /** Returns the authorization flow for setup wizards and per-user "Authorize" buttons. */
  public AuthorizationFlow authorizationFlow() {
    return engine.flow();
  }

  /**
   * Returns the device-code sign-in, for machines without a browser (public clients).
   *
   * @return the flow
   */
  public DeviceCodeFlow deviceCodeFlow() {
    return engine.deviceCodes();
  }

  /**
   * Returns the integration described by the configuration ({@link #SYSTEM_INTEGRATION}), creating
   * its record on first use. A configured refresh token seeds the record; a newer, rotated token in
   * the store is never replaced by it.
   *
   * @return the handle
   */
  public OneDriveIntegration systemIntegration() {
    return engine.system();
  }

  /**
   * Returns a watch on the system integration's watch folder ({@code ONEDRIVE_INGEST_*}, {@link
   * OneDriveConfig#ingest()}), creating the integration's record on first use like {@link
   * #systemIntegration()}. A file the handler processed and left in place ({@link
   * io.github.docuelevate.onedrive.drive.Disposition#KEEP}) is deleted from the folder when {@code
   * ONEDRIVE_INGEST_DELETE_AFTER_PROCESS} is set ({@link IngestSettings#afterProcessing()}); the
   * other dispositions are carried out as returned. The watch's id is the folder path, as for
   * {@link io.github.docuelevate.onedrive.drive.WatchOptions#builder(String)}.
   *
   * <pre>{@code
   * oneDrive.systemWatch().poll(file -> {
   *   documents.ingest(file, oneDrive.systemIntegration().downloads());
   *   return Disposition.KEEP; // deleted instead when the configuration says so
   * });
   * }</pre>
   *
   * @return the watch
   * @throws ConfigurationException if the watch folder is not enabled
   */
  public FolderWatch systemWatch() {
    IngestSettings ingest = config.ingest();
    String folder = ingest.folderPath();
    if (!ingest.enabled() || folder == null) {
      throw new ConfigurationException(
          "the watch folder is not enabled: set "
              + OneDriveConfig.ENV_INGEST_ENABLED
              + "=true and "
              + OneDriveConfig.ENV_INGEST_FOLDER_PATH);
    }
    return engine.systemWatch(folder, ingest.afterProcessing());
  }

  /**
   * Creates an integration (per user, or an extra system one).
   *
   * @param settings its settings
   * @return the handle; delegated integrations then need {@link AuthorizationFlow#begin}
   * @throws ConfigurationException listing every problem with the settings (an owner reserved for
   *     the library, {@link IntegrationKey#RESERVED_OWNER_PREFIX}, among them), before any request
   * @throws IllegalStateException if an integration with that key exists already
   */
  public OneDriveIntegration createIntegration(NewIntegration settings) {
    return engine.create(Objects.requireNonNull(settings, "settings"));
  }

  /**
   * Replaces an integration's settings and app registration with new ones in one write, for a setup
   * wizard that lets an administrator enter other credentials: settings with problems, or a store
   * that fails, leave the old record untouched (its refresh token still works), where deleting and
   * creating would lose it. The new record starts over like a new integration (delegated ones need
   * {@link AuthorizationFlow#begin}); of the old one only its creation time and attributes stay,
   * and its folder watches' state is dropped. Creates the integration when there is none.
   *
   * @param settings its new settings
   * @return the handle
   * @throws ConfigurationException listing every problem with the settings, before anything is
   *     written
   * @throws ConcurrentUpdateException if other nodes kept writing the record meanwhile
   */
  public OneDriveIntegration replaceIntegration(NewIntegration settings) {
    return engine.replace(Objects.requireNonNull(settings, "settings"));
  }

  /**
   * Returns a handle on an existing integration.
   *
   * <p>The library does not check who asks: it cannot know the host's signed-in user. Isolation
   * between users is the caller's part here: build the key's owner from the authenticated session,
   * never from request parameters. (The library enforces it where it can: {@link
   * AuthorizationFlow#complete} refuses a callback begun for another owner, and {@link
   * #createIntegration} refuses the owners reserved for the library, but for {@link
   * #SYSTEM_INTEGRATION} itself.)
   *
   * <pre>{@code
   * OneDriveIntegration mine =
   *     oneDrive.integration(new IntegrationKey(session.userId(), request.param("id")));
   * }</pre>
   *
   * @param key owner and integration id, the owner taken from the signed-in user
   * @return the handle
   * @throws IntegrationNotFoundException if there is none
   */
  public OneDriveIntegration integration(IntegrationKey key) {
    return engine.integration(Objects.requireNonNull(key, "key"));
  }

  /**
   * Returns the integrations of one owner. Like {@link #integration}, trusts the caller to pass the
   * signed-in user.
   *
   * @param owner the owner
   * @return their handles, ordered by integration id
   */
  public List<OneDriveIntegration> integrations(String owner) {
    return engine.integrations(Objects.requireNonNull(owner, "owner"));
  }

  /**
   * Deletes an integration with all its secrets and settings.
   *
   * @param key owner and integration id
   * @return {@code true} if it existed
   */
  public boolean deleteIntegration(IntegrationKey key) {
    return engine.delete(Objects.requireNonNull(key, "key"));
  }

  /**
   * Refreshes every connected delegated integration whose refresh token has not been used for the
   * keep-alive period (default 30 days), so that none expires from inactivity (Microsoft's limit is
   * 90 days). Run it daily from a scheduler.
   *
   * @return what was refreshed and what failed
   */
  public KeepAliveReport keepAlive() {
    return engine.keepAlive(keepAliveAfter);
  }

  /**
   * Writes an integration's configuration as the {@code ONEDRIVE_*} environment block for worker
   * nodes.
   *
   * @param key the integration, usually {@link #SYSTEM_INTEGRATION}
   * @param secrets whether to include the client secret and refresh token ({@link
   *     EnvironmentExport.Secrets#INCLUDE}) or leave them out ({@link
   *     EnvironmentExport.Secrets#OMIT})
   * @return the variables
   * @throws IntegrationNotFoundException if there is no such integration
   */
  public EnvironmentExport exportEnvironment(
      IntegrationKey key, EnvironmentExport.Secrets secrets) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(secrets, "secrets");
    return engine.export(key, secrets);
  }

  @Override
  public String toString() {
    return "OneDrive[" + config + "]";
  }

  /** Builds a {@link OneDrive}. */
  public static final class Builder {
    private final OneDriveConfig config;
    private @Nullable TokenStore tokenStore;
    private @Nullable WatchStateStore watchStateStore;
    private Clock clock = Clock.systemUTC();
    private TransportOptions transport = TransportOptions.defaults();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Duration authorizationTimeout = Duration.ofMinutes(10);
    private Duration accessTokenExpiryMargin = Duration.ofMinutes(5);
    private Duration keepAliveAfter = Duration.ofDays(30);
    private DriveOptions driveOptions = DriveOptions.defaults();
    private final List<OneDriveEventListener> eventListeners = new ArrayList<>();

    private Builder(OneDriveConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Sets where integrations and their secrets are kept (required).
     *
     * @param tokenStore the store
     * @return this builder
     */
    public Builder tokenStore(TokenStore tokenStore) {
      this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore");
      return this;
    }

    /**
     * Sets where folder watches keep their state (delta cursor, lease, a bounded memory of recent
     * deliveries), in records apart from the token records. Default: the token store's own {@link
     * TokenStore#watchStateStore()} (the JDBC and file stores keep watch states in a table or
     * folder of their own, the in-memory store in memory). A token store without one and no store
     * set here: {@link OneDriveIntegration#watchFolder} fails with a {@link
     * ConfigurationException}; there is no silent in-memory fallback that would lose a persistent
     * host's watch state on restart.
     *
     * @param watchStateStore the store
     * @return this builder
     */
    public Builder watchStateStore(WatchStateStore watchStateStore) {
      this.watchStateStore = Objects.requireNonNull(watchStateStore, "watchStateStore");
      return this;
    }

    /**
     * Sets the time source (default: the system clock, UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how Microsoft is reached.
     *
     * @param transport proxy, TLS, timeouts, HTTP client
     * @return this builder
     */
    public Builder transport(TransportOptions transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Sets how transient failures are retried.
     *
     * @param retryPolicy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Sets how long a begun authorization is accepted (default 10 minutes).
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder authorizationTimeout(Duration timeout) {
      this.authorizationTimeout = positive(timeout, "authorizationTimeout");
      return this;
    }

    /**
     * Sets how long before its expiry a cached access token is replaced (default 5 minutes).
     *
     * @param margin not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder accessTokenExpiryMargin(Duration margin) {
      Objects.requireNonNull(margin, "margin");
      if (margin.isNegative()) {
        throw new IllegalArgumentException("accessTokenExpiryMargin must not be negative");
      }
      this.accessTokenExpiryMargin = margin;
      return this;
    }

    /**
     * Sets after how long without use {@link OneDrive#keepAlive()} refreshes a refresh token
     * (default 30 days; keep it well inside Microsoft's 90 days).
     *
     * @param idle positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder keepAliveAfter(Duration idle) {
      this.keepAliveAfter = positive(idle, "keepAliveAfter");
      return this;
    }

    /**
     * Sets how drive operations talk to Graph: the {@code User-Agent} decoration, upload fragment
     * sizes, the request timeout (default {@link DriveOptions#defaults()}).
     *
     * @param driveOptions the options
     * @return this builder
     */
    public Builder driveOptions(DriveOptions driveOptions) {
      this.driveOptions = Objects.requireNonNull(driveOptions, "driveOptions");
      return this;
    }

    /**
     * Adds a listener for the library's events (token refreshes, retries and throttling, transfer
     * progress, watch deliveries and failures). May be called several times: every listener hears
     * every event, in the order the listeners were added. A listener that throws never breaks an
     * operation; see {@link OneDriveEventListener}.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder eventListener(OneDriveEventListener listener) {
      eventListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the entry point.
     *
     * @return the entry point
     * @throws IllegalStateException if no token store was set
     */
    public OneDrive build() {
      TokenStore store = tokenStore;
      if (store == null) {
        throw new IllegalStateException(
            "a token store is required: TokenStore.inMemory() for tests, a persistent one otherwise");
      }
      WatchStateStore watchStates = watchStateStore;
      return new OneDrive(
          this, store, watchStates != null ? watchStates : store.watchStateStore().orElse(null));
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
