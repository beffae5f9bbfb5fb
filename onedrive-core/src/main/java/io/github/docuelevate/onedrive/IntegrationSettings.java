package io.github.docuelevate.onedrive;

import io.github.docuelevate.onedrive.internal.wiring.ConfigurationRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one integration works with: its account type, the tenant it signs in through, the drive it
 * works on and its folder in that drive. The same type describes a {@link NewIntegration}, the
 * stored record ({@link io.github.docuelevate.onedrive.spi.StoredIntegration#settings()}), the
 * system integration ({@link OneDriveConfig#systemSettings()}) and a change of settings ({@link
 * OneDriveIntegration#updateSettings}). Checked once, when built: a value of this type always holds
 * settings the library can work with. Immutable and thread-safe; holds no secret.
 *
 * <pre>{@code
 * IntegrationSettings settings =
 *     IntegrationSettings.builder(AccountType.WORK_OR_SCHOOL, "contoso.com")
 *         .folderPath("Scans/Invoices")
 *         .build();
 * }</pre>
 */
public final class IntegrationSettings {
  private static final Labels PLAIN = new Labels("the tenant", "the folder path");

  private final AccountType accountType;
  private final String tenant;
  private final @Nullable DriveTarget driveTarget;
  private final @Nullable String folderPath;

  private IntegrationSettings(Builder b) {
    this.accountType = b.accountType;
    this.tenant = b.tenant;
    this.driveTarget = b.driveTarget;
    this.folderPath = b.folderPath;
  }

  /**
   * Starts settings of an account type signing in through a tenant.
   *
   * @param accountType the account type
   * @param tenant {@code common}, {@code organizations}, {@code consumers}, a tenant id or domain
   * @return a builder
   */
  public static Builder builder(AccountType accountType, String tenant) {
    return new Builder(accountType, tenant);
  }

  /** Returns a builder holding these settings, to derive changed ones. */
  public Builder toBuilder() {
    return new Builder(accountType, tenant).driveTarget(driveTarget).folderPath(folderPath);
  }

  /**
   * Returns these settings with another folder, checked.
   *
   * @param folderPath a path relative to the drive root, e.g. {@code Scans/Invoices}, or {@code
   *     null} for none
   * @return the changed settings
   * @throws ConfigurationException if OneDrive would refuse the path
   */
  public IntegrationSettings withFolderPath(@Nullable String folderPath) {
    return toBuilder().folderPath(folderPath).build();
  }

  /** Returns the account type. */
  public AccountType accountType() {
    return accountType;
  }

  /** Returns the tenant. */
  public String tenant() {
    return tenant;
  }

  /** Returns the drive target; {@code null} means the signed-in user's drive ({@code me}). */
  public @Nullable DriveTarget driveTarget() {
    return driveTarget;
  }

  /** Returns the folder path relative to the drive root, if one is set. */
  public @Nullable String folderPath() {
    return folderPath;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntegrationSettings that
        && accountType == that.accountType
        && tenant.equals(that.tenant)
        && Objects.equals(driveTarget, that.driveTarget)
        && Objects.equals(folderPath, that.folderPath);
  }

  @Override
  public int hashCode() {
    return Objects.hash(accountType, tenant, driveTarget, folderPath);
  }

  @Override
  public String toString() {
    return "IntegrationSettings{accountType="
        + accountType
        + ", tenant="
        + tenant
        + ", driveTarget="
        + driveTarget
        + ", folderPath="
        + folderPath
        + "}";
  }

  /** How problem sentences name the settings (the configuration names its variables). */
  record Labels(String tenant, String folderPath) {}

  /**
   * Adds a sentence to {@code problems} for every setting Microsoft or OneDrive would refuse: the
   * tenant, the account type with that tenant and drive target, the folder path.
   */
  static void check(
      AccountType type,
      String tenant,
      @Nullable DriveTarget target,
      @Nullable String folderPath,
      Labels labels,
      List<String> problems) {
    if (ConfigurationRules.isValidTenant(tenant)) {
      ConfigurationRules.checkAccount(type, tenant, target, problems);
    } else {
      problems.add(
          labels.tenant()
              + " must be common, organizations, consumers, a tenant id (GUID) or a domain;"
              + " got '"
              + ConfigurationRules.printable(tenant)
              + "'");
      if (type == AccountType.APP_ONLY) {
        // The drive target's problems are worth reporting in the same round.
        ConfigurationRules.checkAccount(type, "placeholder.example", target, problems);
      }
    }
    checkFolderPath(folderPath, labels.folderPath(), problems);
  }

  /** Adds a sentence to {@code problems} if OneDrive would refuse the folder path. */
  static void checkFolderPath(@Nullable String folderPath, String label, List<String> problems) {
    if (folderPath != null) {
      ConfigurationRules.folderPathProblem(folderPath)
          .ifPresent(problem -> problems.add(label + " is refused: " + problem));
    }
  }

  /** Builds {@link IntegrationSettings}; {@link #build()} checks every value at once. */
  public static final class Builder {
    private AccountType accountType;
    private String tenant;
    private @Nullable DriveTarget driveTarget;
    private @Nullable String folderPath;

    private Builder(AccountType accountType, String tenant) {
      accountType(accountType);
      tenant(tenant);
    }

    /**
     * Sets the account type.
     *
     * @param accountType the account type
     * @return this builder
     */
    public Builder accountType(AccountType accountType) {
      this.accountType = Objects.requireNonNull(accountType, "accountType");
      return this;
    }

    /**
     * Sets the tenant.
     *
     * @param tenant {@code common}, {@code organizations}, {@code consumers}, a tenant id or domain
     * @return this builder
     */
    public Builder tenant(String tenant) {
      this.tenant = Objects.requireNonNull(tenant, "tenant").strip();
      return this;
    }

    /**
     * Sets the drive (required for app-only).
     *
     * @param driveTarget the drive, or {@code null} for the signed-in user's
     * @return this builder
     */
    public Builder driveTarget(@Nullable DriveTarget driveTarget) {
      this.driveTarget = driveTarget;
      return this;
    }

    /**
     * Sets the folder in the drive.
     *
     * @param folderPath a path relative to the drive root, or {@code null} for none
     * @return this builder
     */
    public Builder folderPath(@Nullable String folderPath) {
      this.folderPath = folderPath;
      return this;
    }

    /**
     * Checks every value and builds the settings.
     *
     * @return the settings
     * @throws ConfigurationException listing every problem found
     */
    public IntegrationSettings build() {
      return build(PLAIN);
    }

    IntegrationSettings build(Labels labels) {
      List<String> problems = new ArrayList<>();
      check(accountType, tenant, driveTarget, folderPath, labels, problems);
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      return new IntegrationSettings(this);
    }
  }
}
