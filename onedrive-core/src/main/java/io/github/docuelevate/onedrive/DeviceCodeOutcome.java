package io.github.docuelevate.onedrive;

import java.time.Instant;
import java.util.Objects;

/** How a {@link DeviceCodeFlow#signIn device-code sign-in} ended. */
public sealed interface DeviceCodeOutcome {

  /**
   * The user signed in; the refresh token is stored in the integration's record.
   *
   * @param integration the authorized integration
   */
  record SignedIn(OneDriveIntegration integration) implements DeviceCodeOutcome {
    /** Checks the component. */
    public SignedIn {
      Objects.requireNonNull(integration, "integration");
    }
  }

  /**
   * The user declined the sign-in; nothing was stored.
   *
   * @param description Microsoft's description
   */
  record Declined(String description) implements DeviceCodeOutcome {
    /** Checks the component. */
    public Declined {
      Objects.requireNonNull(description, "description");
    }
  }

  /**
   * The code expired before the user entered it; sign in again for a new one.
   *
   * @param expiredAt when it expired
   */
  record Expired(Instant expiredAt) implements DeviceCodeOutcome {
    /** Checks the component. */
    public Expired {
      Objects.requireNonNull(expiredAt, "expiredAt");
    }
  }

  /**
   * The wait ended before the user finished; the code works until {@code expiresAt}, but this
   * sign-in stopped waiting for it: start a new one.
   *
   * @param expiresAt when the code would have expired
   */
  record Pending(Instant expiresAt) implements DeviceCodeOutcome {
    /** Checks the component. */
    public Pending {
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }
}
