package io.github.docuelevate.onedrive;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a dashboard shows about an integration; holds no secret.
 *
 * @param key the owner and integration id
 * @param accountType the account type
 * @param status where it stands
 * @param tenant the tenant it signs in through
 * @param username the signed-in user's name, once authorized (delegated accounts)
 * @param driveTarget the drive it works on; {@code null} means the signed-in user's drive
 * @param folderPath its folder in the drive, if set
 * @param ownAppRegistration whether it uses its own app registration rather than the system's
 * @param lastError the last error recorded (never a secret), if any
 * @param refreshedAt when its refresh token was last used successfully, if ever
 */
public record IntegrationInfo(
    IntegrationKey key,
    AccountType accountType,
    io.github.docuelevate.onedrive.IntegrationStatus status,
    String tenant,
    @Nullable String username,
    @Nullable DriveTarget driveTarget,
    @Nullable String folderPath,
    boolean ownAppRegistration,
    @Nullable String lastError,
    @Nullable Instant refreshedAt) {

  /** Validates the required fields. */
  public IntegrationInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(accountType, "accountType");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(tenant, "tenant");
  }

  /** Returns whether the integration holds a working credential. */
  public boolean connected() {
    return status == IntegrationStatus.CONNECTED;
  }
}
