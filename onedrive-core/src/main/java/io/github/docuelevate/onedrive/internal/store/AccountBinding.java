package io.github.docuelevate.onedrive.internal.store;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an integration's record knows that is derived from the account behind it: the drive a drive
 * path resolved to, kept in the record's attributes together with the account it was resolved for.
 * A binding is valid only while the record still names that account and that drive path; everything
 * else makes it stale, on every node reading the record.
 *
 * <p>Attributes: {@code drive.account} (the account, see {@link #accountOf}), {@code drive.path}
 * (the Graph path resolved, e.g. {@code /me/drive}), {@code drive.id} and {@code drive.type}.
 *
 * @param account the account the drive was resolved for
 * @param drivePath the Graph path that was resolved
 * @param driveId the drive's id
 * @param driveType the drive's type ({@code personal}, {@code business}, {@code documentLibrary}),
 *     if Graph said
 */
public record AccountBinding(
    String account, String drivePath, String driveId, @Nullable String driveType) {
  static final String ACCOUNT = "drive.account";
  static final String PATH = "drive.path";
  static final String ID = "drive.id";
  static final String TYPE = "drive.type";

  /** Checks the values. */
  public AccountBinding {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(drivePath, "drivePath");
    Objects.requireNonNull(driveId, "driveId");
    if (driveId.isEmpty()) {
      throw new IllegalArgumentException("driveId must not be empty");
    }
  }

  /**
   * Returns the account behind a record: the signed-in account's home account id for delegated
   * integrations ({@code ""} while unknown), the tenant for app-only ones (whose tokens reach every
   * drive of it).
   *
   * @param record the record
   * @return the account
   */
  public static String accountOf(StoredIntegration record) {
    if (record.accountType() == AccountType.APP_ONLY) {
      return "app:" + record.tenant();
    }
    String home = record.homeAccountId();
    return home == null ? "" : home;
  }

  /**
   * Returns the record's drive binding if it is still valid: resolved for the record's account and
   * for {@code drivePath}.
   *
   * @param record the record
   * @param drivePath the drive path the record addresses now
   * @return the binding, or empty when there is none or it is stale
   */
  public static Optional<AccountBinding> current(StoredIntegration record, String drivePath) {
    Map<String, String> attributes = record.attributes();
    String id = attributes.get(ID);
    if (id == null
        || id.isEmpty()
        || !accountOf(record).equals(attributes.get(ACCOUNT))
        || !drivePath.equals(attributes.get(PATH))) {
      return Optional.empty();
    }
    return Optional.of(new AccountBinding(accountOf(record), drivePath, id, attributes.get(TYPE)));
  }

  /**
   * Writes this binding into a record being built.
   *
   * @param next the next version of the record
   * @return {@code next}
   */
  public StoredIntegration.Builder writeTo(StoredIntegration.Builder next) {
    return next.attribute(ACCOUNT, account)
        .attribute(PATH, drivePath)
        .attribute(ID, driveId)
        .attribute(TYPE, driveType);
  }

  /**
   * Removes any binding from a record being built, for when the account behind it changes or goes.
   *
   * @param next the next version of the record
   * @return {@code next}
   */
  public static StoredIntegration.Builder clear(StoredIntegration.Builder next) {
    return next.attribute(ACCOUNT, null)
        .attribute(PATH, null)
        .attribute(ID, null)
        .attribute(TYPE, null);
  }
}
