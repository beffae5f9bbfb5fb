package io.github.docuelevate.onedrive.internal.wiring;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.internal.auth.AccountStrategy;
import io.github.docuelevate.onedrive.internal.auth.Tenants;
import io.github.docuelevate.onedrive.internal.path.OneDrivePathRules;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The rules the public API's value types ({@link io.github.docuelevate.onedrive.OneDriveConfig},
 * {@link io.github.docuelevate.onedrive.DriveTarget}, {@link
 * io.github.docuelevate.onedrive.IntegrationKey}) check their values against, so that the public
 * API reaches the internal rules through the wiring point only.
 */
public final class ConfigurationRules {
  /** The tenant used when none is configured: any Microsoft account. */
  public static final String DEFAULT_TENANT = Tenants.COMMON;

  private ConfigurationRules() {}

  /**
   * Returns whether Microsoft accepts the text as a tenant.
   *
   * @param tenant the candidate
   * @return {@code true} for {@code common}, {@code organizations}, {@code consumers}, a GUID or a
   *     domain
   */
  public static boolean isValidTenant(String tenant) {
    return Tenants.isValid(tenant);
  }

  /**
   * Chooses the account type of a configuration that names none (see {@link
   * AccountStrategy#infer}).
   *
   * @param tenant the tenant
   * @param hasRefreshToken whether a refresh token is configured
   * @param target the drive target, if any
   * @param confidential whether a client secret or certificate is configured
   * @return the account type
   */
  public static AccountType inferAccountType(
      String tenant, boolean hasRefreshToken, @Nullable DriveTarget target, boolean confidential) {
    return AccountStrategy.infer(tenant, hasRefreshToken, target, confidential);
  }

  /**
   * Adds a sentence to {@code problems} for every setting the account type cannot work with.
   *
   * @param type the account type
   * @param tenant a valid tenant
   * @param target the drive target, if set
   * @param problems where to add the problems
   */
  public static void checkAccount(
      AccountType type, String tenant, @Nullable DriveTarget target, List<String> problems) {
    AccountStrategy.of(type).check(tenant, target, problems);
  }

  /**
   * Adds a sentence to {@code problems} for every credential the account type cannot work with.
   *
   * @param type the account type
   * @param hasRefreshToken whether a refresh token is set
   * @param confidential whether a client secret or certificate is set
   * @param problems where to add the problems
   */
  public static void checkCredentials(
      AccountType type, boolean hasRefreshToken, boolean confidential, List<String> problems) {
    AccountStrategy.of(type).checkCredentials(hasRefreshToken, confidential, problems);
  }

  /**
   * Shortens a non-secret value for a problem sentence and drops control characters.
   *
   * @param value the value
   * @return at most 80 characters
   */
  public static String printable(String value) {
    String cleaned = value.replaceAll("\\p{Cntrl}", "?");
    return cleaned.length() > 80 ? cleaned.substring(0, 77) + "..." : cleaned;
  }

  /**
   * Checks a folder path against OneDrive's rules.
   *
   * @param path the path
   * @return why it is refused, or empty if it is fine
   */
  public static Optional<String> folderPathProblem(String path) {
    return OneDrivePathRules.checkPath(path).map(OneDrivePathRules.Violation::message);
  }

  /**
   * Finds an unpaired UTF-16 surrogate (see {@link OneDrivePathRules#unpairedSurrogate}).
   *
   * @param text the text
   * @return the index of the first unpaired surrogate, or -1 when there is none
   */
  public static int unpairedSurrogate(String text) {
    return OneDrivePathRules.unpairedSurrogate(text);
  }
}
