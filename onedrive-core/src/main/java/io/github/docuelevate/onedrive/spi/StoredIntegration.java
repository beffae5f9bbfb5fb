package io.github.docuelevate.onedrive.spi;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationSettings;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link TokenStore} keeps about one integration: its secrets (refresh token, own
 * client secret, a pending PKCE verifier) and non-secret metadata. Immutable; copy with {@link
 * #toBuilder()}.
 *
 * <p>Stores must encrypt every value listed by {@link #secrets()} and may keep the rest in clear.
 * {@link #toString()} never shows a secret.
 */
public final class StoredIntegration {

  /** The secret fields of a record; stores encrypt each one, bound to its name and integration. */
  public enum SecretField {
    /** The newest refresh token. */
    REFRESH_TOKEN,
    /** The client secret of the integration's own app registration, when it has one. */
    CLIENT_SECRET,
    /** The PKCE code verifier of a pending authorization. */
    CODE_VERIFIER
  }

  private final IntegrationKey key;
  private final long version;
  private final AccountType accountType;
  private final IntegrationStatus status;
  private final String tenant;
  private final @Nullable String clientId;
  private final @Nullable Secret clientSecret;
  private final @Nullable Secret refreshToken;
  private final @Nullable String homeAccountId;
  private final @Nullable String username;
  private final List<String> scopes;
  private final @Nullable DriveTarget driveTarget;
  private final @Nullable String folderPath;
  private final @Nullable PendingAuthorization pendingAuthorization;
  private final Map<String, String> attributes;
  private final @Nullable String lastError;
  private final @Nullable Instant lastErrorAt;
  private final Instant createdAt;
  private final Instant updatedAt;
  private final @Nullable Instant refreshedAt;

  private StoredIntegration(Builder b) {
    this.key = Objects.requireNonNull(b.key, "key");
    if (b.version < 1) {
      throw new IllegalArgumentException("version must be at least 1, was " + b.version);
    }
    this.version = b.version;
    this.accountType = Objects.requireNonNull(b.accountType, "accountType");
    this.status = Objects.requireNonNull(b.status, "status");
    this.tenant = Objects.requireNonNull(b.tenant, "tenant");
    if (tenant.isBlank()) {
      throw new IllegalArgumentException("tenant must not be blank");
    }
    this.clientId = b.clientId;
    this.clientSecret = b.clientSecret;
    if (clientSecret != null && clientId == null) {
      throw new IllegalArgumentException("a client secret needs its own client id");
    }
    this.refreshToken = b.refreshToken;
    this.homeAccountId = b.homeAccountId;
    this.username = b.username;
    this.scopes = List.copyOf(b.scopes);
    this.driveTarget = b.driveTarget;
    this.folderPath = b.folderPath;
    this.pendingAuthorization = b.pendingAuthorization;
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
    this.lastError = b.lastError;
    this.lastErrorAt = b.lastErrorAt;
    this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
    this.updatedAt = Objects.requireNonNull(b.updatedAt, "updatedAt");
    this.refreshedAt = b.refreshedAt;
  }

  /**
   * Starts a new record at version 1 with status {@link IntegrationStatus#PENDING_AUTHORIZATION}.
   *
   * @param key the integration
   * @param accountType its account type
   * @param tenant its tenant ({@code common}, {@code consumers}, {@code organizations}, a tenant id
   *     or a domain)
   * @param now creation time
   * @return a builder
   */
  public static Builder builder(
      IntegrationKey key, AccountType accountType, String tenant, Instant now) {
    Builder b = new Builder();
    b.key = Objects.requireNonNull(key, "key");
    b.accountType = Objects.requireNonNull(accountType, "accountType");
    b.tenant = Objects.requireNonNull(tenant, "tenant");
    b.createdAt = Objects.requireNonNull(now, "now");
    b.updatedAt = now;
    return b;
  }

  /**
   * Starts a new record at version 1 with status {@link IntegrationStatus#PENDING_AUTHORIZATION}
   * from checked settings.
   *
   * @param key the integration
   * @param settings its account type, tenant, drive target and folder
   * @param now creation time
   * @return a builder
   */
  public static Builder builder(IntegrationKey key, IntegrationSettings settings, Instant now) {
    Objects.requireNonNull(settings, "settings");
    return builder(key, settings.accountType(), settings.tenant(), now).settings(settings);
  }

  /** Returns a builder holding this record's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.key = key;
    b.version = version;
    b.accountType = accountType;
    b.status = status;
    b.tenant = tenant;
    b.clientId = clientId;
    b.clientSecret = clientSecret;
    b.refreshToken = refreshToken;
    b.homeAccountId = homeAccountId;
    b.username = username;
    b.scopes = new ArrayList<>(scopes);
    b.driveTarget = driveTarget;
    b.folderPath = folderPath;
    b.pendingAuthorization = pendingAuthorization;
    b.attributes = new LinkedHashMap<>(attributes);
    b.lastError = lastError;
    b.lastErrorAt = lastErrorAt;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    b.refreshedAt = refreshedAt;
    return b;
  }

  /**
   * Returns the copy to write over this record with {@link TokenStore#compareAndSet}: the builder
   * holds this record's values with the version incremented and the update time set.
   *
   * @param now the update time
   * @return a builder for the next version
   */
  public Builder nextVersion(Instant now) {
    return toBuilder().version(version + 1).updatedAt(now);
  }

  /** Returns the integration this record belongs to. */
  public IntegrationKey key() {
    return key;
  }

  /** Returns the record's version; starts at 1 and grows by one with each successful write. */
  public long version() {
    return version;
  }

  /** Returns the account type. */
  public AccountType accountType() {
    return accountType;
  }

  /** Returns the status. */
  public IntegrationStatus status() {
    return status;
  }

  /** Returns the tenant. */
  public String tenant() {
    return tenant;
  }

  /**
   * Returns the client id of the integration's own app registration, or {@code null} when it uses
   * the system's app registration by reference (whose secret is then never copied here).
   */
  public @Nullable String clientId() {
    return clientId;
  }

  /** Returns the client secret of the integration's own app registration, if it has one. */
  public @Nullable Secret clientSecret() {
    return clientSecret;
  }

  /**
   * Returns the newest refresh token, or {@code null} when none is held (app-only, disconnected).
   */
  public @Nullable Secret refreshToken() {
    return refreshToken;
  }

  /** Returns the signed-in account's home account id, if known. */
  public @Nullable String homeAccountId() {
    return homeAccountId;
  }

  /** Returns the signed-in account's user name, if known. */
  public @Nullable String username() {
    return username;
  }

  /** Returns the granted scopes. */
  public List<String> scopes() {
    return scopes;
  }

  /** Returns the drive the integration works on; {@code null} means the default for its type. */
  public @Nullable DriveTarget driveTarget() {
    return driveTarget;
  }

  /** Returns the integration's folder path in the drive, if one is set. */
  public @Nullable String folderPath() {
    return folderPath;
  }

  /**
   * Returns the record's settings (account type, tenant, drive target, folder) as one checked
   * value.
   *
   * @return the settings
   * @throws io.github.docuelevate.onedrive.ConfigurationException if the stored values are refused
   *     by the library's current rules (a record written by hand or by an older release)
   */
  public IntegrationSettings settings() {
    return IntegrationSettings.builder(accountType, tenant)
        .driveTarget(driveTarget)
        .folderPath(folderPath)
        .build();
  }

  /** Returns the authorization begun and not yet completed, if any. */
  public @Nullable PendingAuthorization pendingAuthorization() {
    return pendingAuthorization;
  }

  /**
   * Returns non-secret extension data (for example a watch folder's delta cursor), keyed by names
   * that the library or the host application choose. Never put a secret here.
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  /** Returns the last error recorded for the integration (never a secret), if any. */
  public @Nullable String lastError() {
    return lastError;
  }

  /** Returns when {@link #lastError()} was recorded. */
  public @Nullable Instant lastErrorAt() {
    return lastErrorAt;
  }

  /** Returns when the record was created. */
  public Instant createdAt() {
    return createdAt;
  }

  /** Returns when the record was last written. */
  public Instant updatedAt() {
    return updatedAt;
  }

  /** Returns when the refresh token was last used successfully, if ever. */
  public @Nullable Instant refreshedAt() {
    return refreshedAt;
  }

  /** Returns the secret fields that are set, in {@link SecretField} order. */
  public Map<SecretField, Secret> secrets() {
    Map<SecretField, Secret> secrets = new EnumMap<>(SecretField.class);
    if (refreshToken != null) {
      secrets.put(SecretField.REFRESH_TOKEN, refreshToken);
    }
    if (clientSecret != null) {
      secrets.put(SecretField.CLIENT_SECRET, clientSecret);
    }
    if (pendingAuthorization != null) {
      secrets.put(SecretField.CODE_VERIFIER, pendingAuthorization.codeVerifier());
    }
    return Collections.unmodifiableMap(secrets);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof StoredIntegration that)) {
      return false;
    }
    return version == that.version
        && key.equals(that.key)
        && accountType == that.accountType
        && status == that.status
        && tenant.equals(that.tenant)
        && Objects.equals(clientId, that.clientId)
        && Objects.equals(clientSecret, that.clientSecret)
        && Objects.equals(refreshToken, that.refreshToken)
        && Objects.equals(homeAccountId, that.homeAccountId)
        && Objects.equals(username, that.username)
        && scopes.equals(that.scopes)
        && Objects.equals(driveTarget, that.driveTarget)
        && Objects.equals(folderPath, that.folderPath)
        && Objects.equals(pendingAuthorization, that.pendingAuthorization)
        && attributes.equals(that.attributes)
        && Objects.equals(lastError, that.lastError)
        && Objects.equals(lastErrorAt, that.lastErrorAt)
        && createdAt.equals(that.createdAt)
        && updatedAt.equals(that.updatedAt)
        && Objects.equals(refreshedAt, that.refreshedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, version, status);
  }

  @Override
  public String toString() {
    return "StoredIntegration{key="
        + key
        + ", version="
        + version
        + ", accountType="
        + accountType
        + ", status="
        + status
        + ", tenant="
        + tenant
        + ", clientId="
        + clientId
        + ", username="
        + username
        + ", driveTarget="
        + driveTarget
        + ", folderPath="
        + folderPath
        + ", secrets="
        + secrets().keySet()
        + ", updatedAt="
        + updatedAt
        + "}";
  }

  /**
   * Builds a {@link StoredIntegration}; obtain one from {@link #builder} or {@link #toBuilder()}.
   */
  public static final class Builder {
    private @Nullable IntegrationKey key;
    private long version = 1;
    private @Nullable AccountType accountType;
    private IntegrationStatus status = IntegrationStatus.PENDING_AUTHORIZATION;
    private @Nullable String tenant;
    private @Nullable String clientId;
    private @Nullable Secret clientSecret;
    private @Nullable Secret refreshToken;
    private @Nullable String homeAccountId;
    private @Nullable String username;
    private List<String> scopes = new ArrayList<>();
    private @Nullable DriveTarget driveTarget;
    private @Nullable String folderPath;
    private @Nullable PendingAuthorization pendingAuthorization;
    private Map<String, String> attributes = new LinkedHashMap<>();
    private @Nullable String lastError;
    private @Nullable Instant lastErrorAt;
    private @Nullable Instant createdAt;
    private @Nullable Instant updatedAt;
    private @Nullable Instant refreshedAt;

    private Builder() {}

    /** Sets the version (at least 1). */
    public Builder version(long version) {
      this.version = version;
      return this;
    }

    /** Sets the account type. */
    public Builder accountType(AccountType accountType) {
      this.accountType = Objects.requireNonNull(accountType, "accountType");
      return this;
    }

    /** Sets the status. */
    public Builder status(IntegrationStatus status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /** Sets the tenant. */
    public Builder tenant(String tenant) {
      this.tenant = Objects.requireNonNull(tenant, "tenant");
      return this;
    }

    /** Sets the own app registration's client id; {@code null} uses the system's. */
    public Builder clientId(@Nullable String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** Sets the own app registration's client secret. */
    public Builder clientSecret(@Nullable Secret clientSecret) {
      this.clientSecret = clientSecret;
      return this;
    }

    /** Sets the refresh token. */
    public Builder refreshToken(@Nullable Secret refreshToken) {
      this.refreshToken = refreshToken;
      return this;
    }

    /** Sets the home account id. */
    public Builder homeAccountId(@Nullable String homeAccountId) {
      this.homeAccountId = homeAccountId;
      return this;
    }

    /** Sets the user name. */
    public Builder username(@Nullable String username) {
      this.username = username;
      return this;
    }

    /** Sets the granted scopes. */
    public Builder scopes(List<String> scopes) {
      this.scopes = new ArrayList<>(Objects.requireNonNull(scopes, "scopes"));
      return this;
    }

    /** Sets the drive target. */
    public Builder driveTarget(@Nullable DriveTarget driveTarget) {
      this.driveTarget = driveTarget;
      return this;
    }

    /**
     * Sets the account type, tenant, drive target and folder path from checked settings.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder settings(IntegrationSettings settings) {
      Objects.requireNonNull(settings, "settings");
      this.accountType = settings.accountType();
      this.tenant = settings.tenant();
      this.driveTarget = settings.driveTarget();
      this.folderPath = settings.folderPath();
      return this;
    }

    /** Sets the folder path. */
    public Builder folderPath(@Nullable String folderPath) {
      this.folderPath = folderPath;
      return this;
    }

    /** Sets or clears the pending authorization. */
    public Builder pendingAuthorization(@Nullable PendingAuthorization pendingAuthorization) {
      this.pendingAuthorization = pendingAuthorization;
      return this;
    }

    /** Replaces all attributes. */
    public Builder attributes(Map<String, String> attributes) {
      this.attributes = new LinkedHashMap<>(Objects.requireNonNull(attributes, "attributes"));
      return this;
    }

    /** Sets one attribute, or removes it when {@code value} is {@code null}. */
    public Builder attribute(String name, @Nullable String value) {
      Objects.requireNonNull(name, "name");
      if (value == null) {
        attributes.remove(name);
      } else {
        attributes.put(name, value);
      }
      return this;
    }

    /** Records an error and its time, or clears both when {@code message} is {@code null}. */
    public Builder lastError(@Nullable String message, @Nullable Instant at) {
      this.lastError = message;
      this.lastErrorAt = message == null ? null : at;
      return this;
    }

    /** Sets the creation time. */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
      return this;
    }

    /** Sets the update time. */
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
      return this;
    }

    /** Sets when the refresh token was last used successfully. */
    public Builder refreshedAt(@Nullable Instant refreshedAt) {
      this.refreshedAt = refreshedAt;
      return this;
    }

    /**
     * Builds the record.
     *
     * @return the record
     * @throws IllegalArgumentException if a value is out of range
     * @throws NullPointerException if a required value is missing
     */
    public StoredIntegration build() {
      return new StoredIntegration(this);
    }
  }
}
