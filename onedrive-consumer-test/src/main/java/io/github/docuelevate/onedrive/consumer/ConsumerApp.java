package io.github.docuelevate.onedrive.consumer;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.graphsdk.OneDriveGraphClients;
import io.github.docuelevate.onedrive.store.file.FileTokenStore;
import io.github.docuelevate.onedrive.store.jdbc.JdbcTokenStore;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.util.List;

/** Compiles against the published API the way a host application does, without the parent. */
public final class ConsumerApp {
  /** The token stores a host application chooses from. */
  public static final List<Class<? extends TokenStore>> STORES =
      List.of(JdbcTokenStore.class, FileTokenStore.class);

  private ConsumerApp() {}

  /**
   * Returns a Graph SDK client for an integration.
   *
   * @param oneDrive the library
   * @param integration the integration
   * @return the client
   */
  public static GraphServiceClient graph(OneDrive oneDrive, OneDriveIntegration integration) {
    return OneDriveGraphClients.builder(oneDrive.config())
        .transport(TransportOptions.defaults())
        .build()
        .client(integration);
  }
}
