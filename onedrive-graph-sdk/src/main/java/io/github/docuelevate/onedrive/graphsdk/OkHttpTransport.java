package io.github.docuelevate.onedrive.graphsdk;

import io.github.docuelevate.onedrive.TransportOptions;
import java.net.Proxy;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/** Applies the library's {@link TransportOptions} to the Graph SDK's OkHttp client. */
final class OkHttpTransport {
  private OkHttpTransport() {}

  /**
   * Sets proxy, TLS context, connect and read (and write) timeouts; the whole call has no time
   * limit, so a long download is not cut off while data keeps arriving.
   *
   * @param builder the SDK's client builder, with its middleware
   * @param transport the options
   * @return the builder
   * @throws IllegalStateException if the JDK has no default X.509 trust manager
   */
  static OkHttpClient.Builder apply(OkHttpClient.Builder builder, TransportOptions transport) {
    Proxy proxy = transport.proxy();
    if (proxy != null) {
      builder.proxy(proxy);
    }
    SSLContext sslContext = transport.sslContext();
    if (sslContext != null) {
      // The context alone decides which certificates are trusted: OkHttp consults the trust
      // manager only to clean certificate chains for pinning, which this client does not use.
      builder.sslSocketFactory(sslContext.getSocketFactory(), defaultTrustManager());
    }
    return builder
        .connectTimeout(transport.connectTimeout())
        .readTimeout(transport.readTimeout())
        .writeTimeout(transport.readTimeout())
        .callTimeout(Duration.ZERO);
  }

  private static X509TrustManager defaultTrustManager() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((@Nullable KeyStore) null);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no usable default trust manager", e);
    }
    throw new IllegalStateException("the JDK has no default X.509 trust manager");
  }
}
