package io.github.docuelevate.onedrive;

import com.microsoft.aad.msal4j.IHttpClient;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * How the library reaches Microsoft: proxy, TLS context, timeouts, and optionally a replacement
 * HTTP client for the identity platform (for example the testkit's, which keeps the production
 * authority and answers from a local fake). Immutable; build with {@link #builder()}.
 */
public final class TransportOptions {
  private static final TransportOptions DEFAULTS = builder().build();

  private final @Nullable Proxy proxy;
  private final @Nullable SSLContext sslContext;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final @Nullable IHttpClient identityHttpClient;

  private TransportOptions(Builder b) {
    this.proxy = b.proxy;
    this.sslContext = b.sslContext;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.identityHttpClient = b.identityHttpClient;
  }

  /** Returns the defaults: no proxy, the JDK's TLS, 10 s to connect, 30 s to read. */
  public static TransportOptions defaults() {
    return DEFAULTS;
  }

  /** Starts a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the proxy, if one is set. */
  public @Nullable Proxy proxy() {
    return proxy;
  }

  /** Returns the TLS context, if one is set. */
  public @Nullable SSLContext sslContext() {
    return sslContext;
  }

  /** Returns the connect timeout. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Returns the read timeout. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * Returns the HTTP client for identity-platform requests, if one replaces msal4j's own; proxy,
   * TLS context and timeouts then belong to that client.
   */
  public @Nullable IHttpClient identityHttpClient() {
    return identityHttpClient;
  }

  @Override
  public String toString() {
    return "TransportOptions[proxy="
        + proxy
        + ", sslContext="
        + (sslContext == null ? "default" : sslContext.getProtocol())
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", identityHttpClient="
        + (identityHttpClient == null ? "default" : identityHttpClient.getClass().getName())
        + "]";
  }

  /** Builds {@link TransportOptions}. */
  public static final class Builder {
    private @Nullable Proxy proxy;
    private @Nullable SSLContext sslContext;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private @Nullable IHttpClient identityHttpClient;

    private Builder() {}

    /**
     * Sends requests to Microsoft through an HTTP proxy (HTTPS goes through {@code CONNECT}
     * tunnels), both msal4j's identity-platform requests and Graph requests.
     *
     * @param proxy an HTTP proxy with a host and port
     * @return this builder
     * @throws IllegalArgumentException for {@link Proxy#NO_PROXY}, a SOCKS proxy or a proxy without
     *     a socket address, which the JDK's HTTP client cannot use
     */
    public Builder proxy(Proxy proxy) {
      Objects.requireNonNull(proxy, "proxy");
      if (proxy.type() != Proxy.Type.HTTP || !(proxy.address() instanceof InetSocketAddress)) {
        throw new IllegalArgumentException(
            "only HTTP proxies with a host and port are supported, not " + proxy);
      }
      this.proxy = proxy;
      return this;
    }

    /**
     * Uses a TLS context (custom trust store, client certificates).
     *
     * @param sslContext the context
     * @return this builder
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * Sets the connect timeout.
     *
     * @param timeout positive, at most {@link Integer#MAX_VALUE} milliseconds
     * @return this builder
     * @throws IllegalArgumentException if not positive or too long
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = checkTimeout(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the read timeout.
     *
     * @param timeout positive, at most {@link Integer#MAX_VALUE} milliseconds
     * @return this builder
     * @throws IllegalArgumentException if not positive or too long
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = checkTimeout(timeout, "readTimeout");
      return this;
    }

    /**
     * Replaces msal4j's HTTP client for identity-platform requests.
     *
     * @param client the client
     * @return this builder
     */
    public Builder identityHttpClient(IHttpClient client) {
      this.identityHttpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Builds the options. */
    public TransportOptions build() {
      return new TransportOptions(this);
    }

    private static Duration checkTimeout(Duration timeout, String name) {
      Objects.requireNonNull(timeout, name);
      if (timeout.isNegative()
          || timeout.isZero()
          || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
        throw new IllegalArgumentException(
            name + " must be positive and at most " + Integer.MAX_VALUE + " ms, was " + timeout);
      }
      return timeout;
    }
  }
}
