package io.github.docuelevate.onedrive.graphsdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.TransportOptions;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The library's transport options on the SDK's OkHttp client, against an HTTPS fake. */
class TransportTest extends FakeGraphTestBase {

  @Override
  boolean https() {
    return true;
  }

  @Test
  void httpsFake_isReachedWithTheTransportsSslContextOnly() {
    OneDriveIntegration alice = authorize(ALICE, new IntegrationKey("alice", "personal"));
    assertThat(graph.graphBaseUrl()).startsWith("https://");

    assertThat(graph.client(alice).me().get().getId()).isEqualTo(ALICE.objectId());

    GraphServiceClient withoutTrust =
        OneDriveGraphClients.builder(oneDrive.config())
            .transport(TransportOptions.defaults())
            .build()
            .client(alice);
    Throwable thrown = catchThrowable(() -> withoutTrust.me().get());
    // The SDK wraps I/O failures in a RuntimeException.
    assertThat(thrown).hasCauseInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void proxyAndTimeouts_areAppliedToTheOkHttpClient() {
    Proxy proxy =
        new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.test", 3128));
    TransportOptions options =
        TransportOptions.builder()
            .proxy(proxy)
            .connectTimeout(Duration.ofSeconds(3))
            .readTimeout(Duration.ofSeconds(7))
            .build();

    OkHttpClient client = OkHttpTransport.apply(new OkHttpClient.Builder(), options).build();

    assertThat(client.proxy()).isEqualTo(proxy);
    assertThat(client.connectTimeoutMillis()).isEqualTo(3_000);
    assertThat(client.readTimeoutMillis()).isEqualTo(7_000);
    assertThat(client.writeTimeoutMillis()).isEqualTo(7_000);
    assertThat(client.callTimeoutMillis()).isZero();
  }
}
