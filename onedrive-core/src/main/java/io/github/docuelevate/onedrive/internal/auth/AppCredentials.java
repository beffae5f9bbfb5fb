package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.ClientCertificate;
import io.github.docuelevate.onedrive.Secret;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The app registration a request authenticates as: the system's (referenced, never copied into a
 * user's record) or an integration's own.
 *
 * @param clientId the application (client) id
 * @param clientSecret the client secret of a confidential client, if any
 * @param certificate the certificate of a confidential client, if any
 */
record AppCredentials(
    String clientId, @Nullable Secret clientSecret, @Nullable ClientCertificate certificate) {

  AppCredentials {
    Objects.requireNonNull(clientId, "clientId");
  }

  boolean confidential() {
    return clientSecret != null || certificate != null;
  }
}
