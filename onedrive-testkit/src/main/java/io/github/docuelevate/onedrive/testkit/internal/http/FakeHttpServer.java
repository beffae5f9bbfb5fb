package io.github.docuelevate.onedrive.testkit.internal.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP(S) server on the loopback interface that hands handlers the JDK's {@code
 * com.sun.net.httpserver} exchange type ({@code NoDelayHttpServer}, with {@code TCP_NODELAY} on its
 * own sockets): request bodies are streamed, never buffered, and a handler can drop a connection
 * mid-request. Routes are matched by path prefix, longest first.
 */
public final class FakeHttpServer implements AutoCloseable {
  /**
   * The path prefix of the control API ({@code /_testkit/}). Services add their own control routes
   * below it (e.g. {@code /_testkit/drive/}) with {@link #route}; the journal and fault injection
   * leave these paths alone.
   */
  public static final String CONTROL_PREFIX = "/_testkit/";

  private static final Logger LOG = LoggerFactory.getLogger(FakeHttpServer.class);

  private record Route(String prefix, Handler handler) {}

  private final NoDelayHttpServer server;
  private final ExecutorService executor;
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final List<Interceptor> interceptors = new CopyOnWriteArrayList<>();
  private final String baseUrl;

  /**
   * The same server on {@code [::1]}, so {@code localhost} answers whichever address it resolves
   * to.
   */
  private final @Nullable NoDelayHttpServer ipv6;

  /**
   * Binds a server on 127.0.0.1.
   *
   * @param port the port, or 0 for a free one
   * @param sslContext for HTTPS, or {@code null} for plain HTTP
   */
  public FakeHttpServer(int port, @Nullable SSLContext sslContext) {
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "onedrive-fake-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      server =
          new NoDelayHttpServer(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
              128,
              sslContext,
              executor,
              this::dispatch);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot bind the fake server to port " + port, e);
    }
    ipv6 = ipv6Listener(server.address().getPort(), sslContext);
    String scheme = sslContext == null ? "http" : "https";
    baseUrl = scheme + "://127.0.0.1:" + server.address().getPort();
  }

  /** Starts serving. */
  public void start() {
    server.start();
    if (ipv6 != null) {
      ipv6.start();
    }
  }

  /** Listens on the IPv6 loopback at the same port too, if the machine has one and it is free. */
  private @Nullable NoDelayHttpServer ipv6Listener(int port, @Nullable SSLContext sslContext) {
    try {
      return new NoDelayHttpServer(
          new InetSocketAddress(InetAddress.getByName("::1"), port),
          128,
          sslContext,
          executor,
          this::dispatch);
    } catch (IOException | RuntimeException e) {
      LOG.debug("fake server: no IPv6 loopback listener on port {}: {}", port, e.toString());
      return null;
    }
  }

  /** Returns the base URL, e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /** Returns the bound port. */
  public int port() {
    return server.address().getPort();
  }

  /**
   * Returns whether every connection open now has {@code TCP_NODELAY} set, and how many are open.
   *
   * @return the count of open connections, negative if one of them has Nagle's algorithm on
   */
  public int openConnectionsWithNoDelay() {
    int open = server.openConnections() + (ipv6 == null ? 0 : ipv6.openConnections());
    boolean noDelay =
        server.allConnectionsNoDelay() && (ipv6 == null || ipv6.allConnectionsNoDelay());
    return noDelay ? open : -1;
  }

  /**
   * Adds a route; requests whose raw path starts with {@code prefix} go to {@code handler}. The
   * longest matching prefix wins.
   */
  public void route(String prefix, Handler handler) {
    routes.add(new Route(prefix, handler));
    routes.sort((a, b) -> Integer.compare(b.prefix().length(), a.prefix().length()));
  }

  /** Adds an interceptor; interceptors run in the order added. */
  public void intercept(Interceptor interceptor) {
    interceptors.add(interceptor);
  }

  private void dispatch(HttpExchange raw) {
    FakeExchange exchange = new FakeExchange(raw);
    try {
      chain(0).handle(exchange);
      if (!exchange.responded()) {
        exchange.respondGraphError(500, "generalException", "the fake sent no response");
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug(
          "fake server: {} {} failed: {}", exchange.method(), exchange.rawPath(), e.toString());
      if (!exchange.responded()) {
        try {
          exchange.respondGraphError(500, "generalException", "the fake failed: " + e);
        } catch (IOException | RuntimeException ignored) {
          raw.close();
        }
      } else {
        raw.close();
      }
    }
  }

  private Handler chain(int index) {
    if (index < interceptors.size()) {
      Interceptor interceptor = interceptors.get(index);
      Handler next = chain(index + 1);
      return exchange -> interceptor.intercept(exchange, next);
    }
    return this::route;
  }

  private void route(FakeExchange exchange) throws IOException {
    String path = exchange.rawPath();
    for (Route route : routes) {
      if (path.startsWith(route.prefix())) {
        route.handler().handle(exchange);
        return;
      }
    }
    exchange.respondGraphError(404, "itemNotFound", "no route for " + path);
  }

  @Override
  public void close() {
    server.close();
    if (ipv6 != null) {
      ipv6.close();
    }
    executor.shutdownNow();
  }
}
