package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What differs between account types: which tenants and drive targets are allowed, how an access
 * token is obtained, and which Graph path addresses the drive.
 */
public sealed interface AccountStrategy
    permits PersonalAccountStrategy, WorkOrSchoolAccountStrategy, AppOnlyStrategy {

  /** The scope that asks for a refresh token. */
  String OFFLINE_ACCESS = "offline_access";

  /**
   * Returns the strategy of an account type.
   *
   * @param type the account type
   * @return its strategy
   */
  static AccountStrategy of(AccountType type) {
    return switch (type) {
      case PERSONAL -> PersonalAccountStrategy.INSTANCE;
      case WORK_OR_SCHOOL -> WorkOrSchoolAccountStrategy.INSTANCE;
      case APP_ONLY -> AppOnlyStrategy.INSTANCE;
    };
  }

  /**
   * Chooses the account type for a configuration that does not name one: app-only when there is no
   * refresh token, a confidential client and a drive target other than {@code me}; personal for the
   * tenants {@code common} and {@code consumers}; work or school otherwise.
   *
   * @param tenant the tenant
   * @param hasRefreshToken whether a refresh token is configured
   * @param target the configured drive target, if any
   * @param confidential whether a client secret or certificate is configured
   * @return the account type
   */
  static AccountType infer(
      String tenant, boolean hasRefreshToken, @Nullable DriveTarget target, boolean confidential) {
    if (!hasRefreshToken && confidential && target != null && !(target instanceof DriveTarget.Me)) {
      return AccountType.APP_ONLY;
    }
    if (Tenants.acceptsPersonalAccounts(tenant)) {
      return AccountType.PERSONAL;
    }
    return AccountType.WORK_OR_SCHOOL;
  }

  /** Returns the account type this strategy serves. */
  AccountType type();

  /** Returns whether a user signs in (refresh token) rather than the application itself. */
  default boolean delegated() {
    return true;
  }

  /**
   * Adds a sentence to {@code problems} for every setting this account type cannot work with.
   *
   * @param tenant a valid tenant
   * @param target the drive target, if set
   * @param problems where to add the problems
   */
  void check(String tenant, @Nullable DriveTarget target, List<String> problems);

  /**
   * Adds a sentence to {@code problems} for every credential this account type cannot work with.
   *
   * @param hasRefreshToken whether a refresh token is set
   * @param confidential whether a client secret or certificate is set
   * @param problems where to add the problems
   */
  default void checkCredentials(
      boolean hasRefreshToken, boolean confidential, List<String> problems) {}

  /**
   * Returns the scopes to ask for.
   *
   * @param graphScope the Graph {@code .default} scope of the cloud in use
   * @return the scopes
   */
  default Set<String> scopes(String graphScope) {
    return Set.of(graphScope, OFFLINE_ACCESS);
  }
}
