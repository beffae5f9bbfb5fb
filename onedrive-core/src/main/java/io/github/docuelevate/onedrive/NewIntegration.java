package io.github.docuelevate.onedrive;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An integration to create with {@link OneDrive#createIntegration}: its key, its {@link
 * IntegrationSettings} and the app registration it signs in with. By default it uses the system app
 * registration by reference (its secret is never copied into the integration's record, so rotating
 * it keeps every integration working); {@link Builder#ownApp} gives it its own app registration
 * instead, whose secret is stored encrypted like the refresh token.
 *
 * <pre>{@code
 * oneDrive.createIntegration(
 *     NewIntegration.builder(new IntegrationKey(user.id(), "scans"),
 *             IntegrationSettings.builder(AccountType.PERSONAL, "consumers").build())
 *         .build());
 * }</pre>
 *
 * <p>{@link #builder(IntegrationKey, AccountType)} starts without a tenant: the system
 * configuration's is used then ({@code consumers} for a personal account when the system tenant
 * does not accept personal accounts), and {@link OneDrive#createIntegration} checks the resulting
 * {@link IntegrationSettings}.
 */
public final class NewIntegration {
  private final IntegrationKey key;
  private final AccountType accountType;
  private final @Nullable String tenant;
  private final @Nullable String clientId;
  private final @Nullable Secret clientSecret;
  private final @Nullable DriveTarget driveTarget;
  private final @Nullable String folderPath;

  private NewIntegration(Builder b) {
    this.key = b.key;
    this.accountType = b.accountType;
    this.tenant = b.tenant;
    this.clientId = b.clientId;
    this.clientSecret = b.clientSecret;
    this.driveTarget = b.driveTarget;
    this.folderPath = b.folderPath;
  }

  /**
   * Starts the settings of an integration.
   *
   * @param key owner and integration id
   * @param accountType the account type
   * @return a builder
   */
  public static Builder builder(IntegrationKey key, AccountType accountType) {
    return new Builder(key, accountType);
  }

  /**
   * Starts an integration with checked settings.
   *
   * @param key owner and integration id
   * @param settings account type, tenant, drive and folder
   * @return a builder
   */
  public static Builder builder(IntegrationKey key, IntegrationSettings settings) {
    Objects.requireNonNull(settings, "settings");
    return new Builder(key, settings.accountType())
        .tenant(settings.tenant())
        .driveTarget(settings.driveTarget())
        .folderPath(settings.folderPath());
  }

  /** Returns the owner and integration id. */
  public IntegrationKey key() {
    return key;
  }

  /** Returns the account type. */
  public AccountType accountType() {
    return accountType;
  }

  /** Returns the tenant, or {@code null} to derive it from the system configuration. */
  public @Nullable String tenant() {
    return tenant;
  }

  /** Returns the own app registration's client id, or {@code null} for the system's. */
  public @Nullable String clientId() {
    return clientId;
  }

  /** Returns the own app registration's client secret, if it has one. */
  public @Nullable Secret clientSecret() {
    return clientSecret;
  }

  /** Returns the drive target, if set. */
  public @Nullable DriveTarget driveTarget() {
    return driveTarget;
  }

  /** Returns the folder path, if set. */
  public @Nullable String folderPath() {
    return folderPath;
  }

  @Override
  public String toString() {
    return "NewIntegration{key="
        + key
        + ", accountType="
        + accountType
        + ", tenant="
        + tenant
        + ", clientId="
        + (clientId == null ? "system" : clientId)
        + ", clientSecret="
        + (clientSecret == null ? "none" : "redacted")
        + ", driveTarget="
        + driveTarget
        + ", folderPath="
        + folderPath
        + "}";
  }

  /** Builds {@link NewIntegration}. */
  public static final class Builder {
    private final IntegrationKey key;
    private final AccountType accountType;
    private @Nullable String tenant;
    private @Nullable String clientId;
    private @Nullable Secret clientSecret;
    private @Nullable DriveTarget driveTarget;
    private @Nullable String folderPath;

    private Builder(IntegrationKey key, AccountType accountType) {
      this.key = Objects.requireNonNull(key, "key");
      this.accountType = Objects.requireNonNull(accountType, "accountType");
    }

    /**
     * Sets the tenant; by default the system configuration's (for personal accounts {@code
     * consumers} when the system tenant does not accept personal accounts).
     *
     * @param tenant {@code common}, {@code organizations}, {@code consumers}, a tenant id or domain
     * @return this builder
     */
    public Builder tenant(String tenant) {
      this.tenant = Objects.requireNonNull(tenant, "tenant").strip();
      return this;
    }

    /**
     * Gives the integration its own app registration.
     *
     * @param clientId the application (client) id
     * @param clientSecret its client secret, or {@code null} for a public client
     * @return this builder
     */
    public Builder ownApp(String clientId, @Nullable Secret clientSecret) {
      this.clientId = Objects.requireNonNull(clientId, "clientId").strip();
      this.clientSecret = clientSecret;
      return this;
    }

    /**
     * Sets the drive (required for app-only).
     *
     * @param driveTarget the drive
     * @return this builder
     */
    public Builder driveTarget(@Nullable DriveTarget driveTarget) {
      this.driveTarget = driveTarget;
      return this;
    }

    /**
     * Sets the folder in the drive.
     *
     * @param folderPath a path relative to the drive root
     * @return this builder
     */
    public Builder folderPath(@Nullable String folderPath) {
      this.folderPath = folderPath;
      return this;
    }

    /** Builds the settings; {@link OneDrive#createIntegration} checks them. */
    public NewIntegration build() {
      return new NewIntegration(this);
    }
  }
}
