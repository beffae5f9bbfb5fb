package io.github.docuelevate.onedrive.testkit.internal.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpsExchange;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP/1.1 server for the fake that hands out the JDK's own {@link HttpExchange} type, so
 * everything above it reads as on {@code com.sun.net.httpserver}, but owns its sockets: every
 * accepted connection gets {@code TCP_NODELAY}. The JDK server turns Nagle's algorithm off only
 * through {@code sun.net.httpserver.nodelay}, a system property its {@code ServerConfig} reads once
 * for the whole JVM, which would change every other server of the host application too; with Nagle
 * on, the body written after the response headers waits for the client's delayed ACK (about 40 ms a
 * request).
 *
 * <p>What it speaks: keep-alive, {@code Content-Length} and chunked request bodies, {@code Expect:
 * 100-continue}, fixed-length and chunked responses, TLS through an {@link SSLContext}. An exchange
 * closed before its response was sent, or with a response body shorter than announced, closes the
 * connection, as the JDK server does (fault injection relies on that).
 */
final class NoDelayHttpServer implements Closeable {
  /** Request bodies left unread up to this size are drained to keep the connection. */
  private static final int DRAIN_LIMIT = 64 * 1024;

  private static final int MAX_LINE = 64 * 1024;
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(100, "Continue"),
          Map.entry(200, "OK"),
          Map.entry(201, "Created"),
          Map.entry(202, "Accepted"),
          Map.entry(204, "No Content"),
          Map.entry(206, "Partial Content"),
          Map.entry(301, "Moved Permanently"),
          Map.entry(302, "Found"),
          Map.entry(304, "Not Modified"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(409, "Conflict"),
          Map.entry(412, "Precondition Failed"),
          Map.entry(413, "Payload Too Large"),
          Map.entry(416, "Range Not Satisfiable"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"),
          Map.entry(507, "Insufficient Storage"));

  private final ServerSocket listener;
  private final @Nullable SSLContext ssl;
  private final Executor executor;
  private final Consumer<HttpExchange> handler;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Binds the server (it accepts nothing until {@link #start}).
   *
   * @param address where to listen
   * @param backlog the accept backlog
   * @param ssl for HTTPS, or {@code null}
   * @param executor runs one task per connection
   * @param handler answers each exchange (and must close it)
   * @throws IOException if the address cannot be bound
   */
  NoDelayHttpServer(
      InetSocketAddress address,
      int backlog,
      @Nullable SSLContext ssl,
      Executor executor,
      Consumer<HttpExchange> handler)
      throws IOException {
    this.listener = new ServerSocket();
    try {
      listener.setReuseAddress(true);
      listener.bind(address, backlog);
    } catch (IOException e) {
      listener.close();
      throw e;
    }
    this.ssl = ssl;
    this.executor = executor;
    this.handler = handler;
  }

  /** Returns the bound address. */
  InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  /** Starts the accept loop on a daemon thread. */
  void start() {
    Thread acceptor = new Thread(this::accept, "onedrive-fake-accept-" + address().getPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      try {
        socket.setTcpNoDelay(true);
        connections.add(socket);
        executor.execute(() -> serve(socket));
      } catch (IOException | RuntimeException e) {
        connections.remove(socket);
        closeQuietly(socket);
      }
    }
  }

  /** Whether a connection's accepted socket has {@code TCP_NODELAY} (for tests). */
  boolean allConnectionsNoDelay() {
    for (Socket socket : connections) {
      try {
        if (!socket.getTcpNoDelay()) {
          return false;
        }
      } catch (SocketException e) {
        // closed meanwhile
      }
    }
    return true;
  }

  /** Returns how many connections are open. */
  int openConnections() {
    return connections.size();
  }

  private void serve(Socket accepted) {
    Socket socket = accepted;
    try {
      SSLSession session = null;
      if (ssl != null) {
        SSLSocket tls =
            (SSLSocket)
                ssl.getSocketFactory()
                    .createSocket(
                        accepted,
                        accepted.getInetAddress().getHostAddress(),
                        accepted.getPort(),
                        true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        socket = tls;
        connections.add(tls);
        session = tls.getSession();
      }
      InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      while (!closed) {
        Exchange exchange = readRequest(socket, in, out, session);
        if (exchange == null) {
          break;
        }
        handler.accept(exchange.visible());
        if (!exchange.finish()) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client went away or sent something unreadable: drop the connection
    } finally {
      connections.remove(accepted);
      connections.remove(socket);
      closeQuietly(socket);
      closeQuietly(accepted);
    }
  }

  private @Nullable Exchange readRequest(
      Socket socket, InputStream in, OutputStream out, @Nullable SSLSession session)
      throws IOException {
    String line = readLine(in);
    while (line != null && line.isEmpty()) {
      line = readLine(in);
    }
    if (line == null) {
      return null;
    }
    String[] parts = line.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      writeSimple(out, 400, "malformed request line");
      return null;
    }
    Headers headers = new Headers();
    while (true) {
      String header = readLine(in);
      if (header == null) {
        return null;
      }
      if (header.isEmpty()) {
        break;
      }
      int colon = header.indexOf(':');
      if (colon <= 0) {
        writeSimple(out, 400, "malformed header");
        return null;
      }
      headers.add(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
    }
    URI uri;
    try {
      uri = new URI(parts[1]);
    } catch (java.net.URISyntaxException e) {
      writeSimple(out, 400, "malformed request target");
      return null;
    }
    String transferEncoding = headers.getFirst("Transfer-Encoding");
    String contentLength = headers.getFirst("Content-Length");
    InputStream body;
    if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = new ChunkedBody(in);
    } else if (contentLength != null) {
      long length;
      try {
        length = Long.parseLong(contentLength.trim());
      } catch (NumberFormatException e) {
        writeSimple(out, 400, "malformed Content-Length");
        return null;
      }
      body = new FixedBody(in, length);
    } else {
      body = new FixedBody(in, 0);
    }
    if ("100-continue".equalsIgnoreCase(headers.getFirst("Expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    boolean keepAlive =
        parts[2].equals("HTTP/1.1")
            ? !"close".equalsIgnoreCase(headers.getFirst("Connection"))
            : "keep-alive".equalsIgnoreCase(headers.getFirst("Connection"));
    return new Exchange(socket, parts[0], uri, parts[2], headers, body, out, keepAlive, session);
  }

  private static @Nullable String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      int b = in.read();
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("request line or header too long");
      }
      line.write(b);
    }
  }

  private static void writeSimple(OutputStream out, int status, String message) throws IOException {
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    out.write(
        ("HTTP/1.1 "
                + status
                + " "
                + REASONS.getOrDefault(status, "Error")
                + "\r\nContent-Length: "
                + body.length
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    for (Socket socket : connections) {
      closeQuietly(socket);
    }
    connections.clear();
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  // ------------------------------------------------------------------ one exchange

  /** The state of one request and its response; {@link #visible()} is what handlers see. */
  private static final class Exchange {
    private final Socket socket;
    private final String method;
    private final URI uri;
    private final String protocol;
    private final Headers requestHeaders;
    private final Headers responseHeaders = new Headers();
    private final InputStream rawBody;
    private final OutputStream out;
    private final boolean keepAlive;
    private final @Nullable SSLSession session;
    private final Map<String, Object> attributes = new HashMap<>();
    private InputStream body;
    private @Nullable ResponseBody responseBody;
    private @Nullable OutputStream responseStream;
    private int status = -1;
    private boolean closed;
    private boolean broken;

    Exchange(
        Socket socket,
        String method,
        URI uri,
        String protocol,
        Headers requestHeaders,
        InputStream body,
        OutputStream out,
        boolean keepAlive,
        @Nullable SSLSession session) {
      this.socket = socket;
      this.method = method;
      this.uri = uri;
      this.protocol = protocol;
      this.requestHeaders = requestHeaders;
      this.rawBody = body;
      this.body = body;
      this.out = out;
      this.keepAlive = keepAlive;
      this.session = session;
    }

    HttpExchange visible() {
      return session == null ? new PlainView(this) : new TlsView(this, session);
    }

    void sendResponseHeaders(int code, long length) throws IOException {
      if (status >= 0) {
        throw new IOException("headers already sent");
      }
      status = code;
      boolean noBody = method.equals("HEAD") || code == 204 || code == 304 || code < 200;
      StringBuilder head =
          new StringBuilder("HTTP/1.1 ")
              .append(code)
              .append(' ')
              .append(REASONS.getOrDefault(code, "Status"))
              .append("\r\n");
      responseHeaders.set("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
      ResponseBody stream;
      if (noBody || length < 0) {
        responseHeaders.remove("Transfer-Encoding");
        if (code != 204
            && code != 304
            && code >= 200
            && !responseHeaders.containsKey("Content-Length")) {
          responseHeaders.set("Content-Length", "0");
        }
        stream = new ResponseBody(this, 0, false);
      } else if (length == 0) {
        responseHeaders.set("Transfer-Encoding", "chunked");
        stream = new ResponseBody(this, -1, true);
      } else {
        responseHeaders.set("Content-Length", Long.toString(length));
        stream = new ResponseBody(this, length, false);
      }
      if (!keepAlive) {
        responseHeaders.set("Connection", "close");
      }
      for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
        for (String value : header.getValue()) {
          head.append(header.getKey()).append(": ").append(value).append("\r\n");
        }
      }
      head.append("\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      responseBody = stream;
      if (noBody || length < 0) {
        out.flush();
      }
    }

    OutputStream responseBody() {
      OutputStream wrapped = responseStream;
      if (wrapped != null) {
        return wrapped;
      }
      ResponseBody stream = responseBody;
      if (stream == null) {
        // The JDK server hands out the stream before the headers too; writes then fail.
        return new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("response headers not sent");
          }
        };
      }
      return stream;
    }

    void close() {
      if (closed) {
        return;
      }
      closed = true;
      ResponseBody stream = responseBody;
      try {
        if (stream == null) {
          broken = true; // no response: the client sees the connection closed
          socket.close();
          return;
        }
        stream.close();
      } catch (IOException e) {
        broken = true;
      }
    }

    /** Ends the exchange after the handler; returns whether the connection can carry another. */
    boolean finish() throws IOException {
      close();
      if (broken || !keepAlive || socket.isClosed()) {
        return false;
      }
      ResponseBody stream = responseBody;
      if (stream == null || !stream.complete()) {
        return false;
      }
      long drained = 0;
      byte[] buffer = new byte[8192];
      int n;
      while (drained <= DRAIN_LIMIT && (n = rawBody.read(buffer)) > 0) {
        drained += n;
      }
      return drained <= DRAIN_LIMIT;
    }
  }

  /** A response body: fixed length, chunked, or none; flushes the connection at close. */
  private static final class ResponseBody extends OutputStream {
    private final Exchange exchange;
    private final long length;
    private final boolean chunked;
    private long written;
    private boolean done;

    ResponseBody(Exchange exchange, long length, boolean chunked) {
      this.exchange = exchange;
      this.length = length;
      this.chunked = chunked;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
      if (done) {
        throw new IOException("response body closed");
      }
      if (count == 0) {
        return;
      }
      if (chunked) {
        exchange.out.write(
            (Integer.toHexString(count) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        exchange.out.write(bytes, offset, count);
        exchange.out.write('\r');
        exchange.out.write('\n');
      } else {
        if (written + count > length) {
          throw new IOException("response body longer than its Content-Length " + length);
        }
        exchange.out.write(bytes, offset, count);
      }
      written += count;
    }

    @Override
    public void flush() throws IOException {
      exchange.out.flush();
    }

    boolean complete() {
      return done && (chunked || written == length);
    }

    @Override
    public void close() throws IOException {
      if (done) {
        return;
      }
      done = true;
      if (chunked) {
        exchange.out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      exchange.out.flush();
      if (!complete()) {
        exchange.broken = true;
        exchange.socket.close();
      }
    }
  }

  /** A request body of known length. */
  private static final class FixedBody extends FilterInputStream {
    private long remaining;

    FixedBody(InputStream in, long length) {
      super(in);
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      if (count == 0) {
        return 0;
      }
      int n = in.read(buffer, offset, (int) Math.min(count, remaining));
      if (n < 0) {
        throw new IOException("connection closed before the request body ended");
      }
      remaining -= n;
      return n;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(in.available(), remaining);
    }

    @Override
    public void close() {
      // the connection stays open; finish() drains what is left
    }
  }

  /** A chunked request body. */
  private static final class ChunkedBody extends FilterInputStream {
    private long chunkLeft;
    private boolean ended;

    ChunkedBody(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
      if (ended) {
        return -1;
      }
      if (count == 0) {
        return 0;
      }
      if (chunkLeft == 0) {
        String size = readLine(in);
        if (size == null) {
          throw new IOException("connection closed inside a chunked body");
        }
        int semicolon = size.indexOf(';');
        try {
          chunkLeft =
              Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
        } catch (NumberFormatException e) {
          throw new IOException("malformed chunk size", e);
        }
        if (chunkLeft == 0) {
          String trailer;
          do {
            trailer = readLine(in);
          } while (trailer != null && !trailer.isEmpty());
          ended = true;
          return -1;
        }
      }
      int n = in.read(buffer, offset, (int) Math.min(count, chunkLeft));
      if (n < 0) {
        throw new IOException("connection closed inside a chunk");
      }
      chunkLeft -= n;
      if (chunkLeft == 0) {
        readLine(in); // the CRLF after the chunk
      }
      return n;
    }

    @Override
    public int available() {
      return 0;
    }

    @Override
    public void close() {
      // the connection stays open; finish() drains what is left
    }
  }

  // ------------------------------------------------------------------ what handlers see

  /** A plain-HTTP exchange. */
  private static final class PlainView extends HttpExchange {
    private final Exchange e;

    PlainView(Exchange exchange) {
      this.e = exchange;
    }

    @Override
    public Headers getRequestHeaders() {
      return e.requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
      return e.responseHeaders;
    }

    @Override
    public URI getRequestURI() {
      return e.uri;
    }

    @Override
    public String getRequestMethod() {
      return e.method;
    }

    @Override
    public HttpContext getHttpContext() {
      throw new UnsupportedOperationException("the fake's server has no contexts");
    }

    @Override
    public void close() {
      e.close();
    }

    @Override
    public InputStream getRequestBody() {
      return e.body;
    }

    @Override
    public OutputStream getResponseBody() {
      return e.responseBody();
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
      e.sendResponseHeaders(code, length);
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
      return (InetSocketAddress) e.socket.getRemoteSocketAddress();
    }

    @Override
    public int getResponseCode() {
      return e.status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
      return (InetSocketAddress) e.socket.getLocalSocketAddress();
    }

    @Override
    public String getProtocol() {
      return e.protocol;
    }

    @Override
    public @Nullable Object getAttribute(String name) {
      return e.attributes.get(name);
    }

    @Override
    public void setAttribute(String name, @Nullable Object value) {
      if (value == null) {
        e.attributes.remove(name);
      } else {
        e.attributes.put(name, value);
      }
    }

    @Override
    public void setStreams(@Nullable InputStream in, @Nullable OutputStream out) {
      if (in != null) {
        e.body = in;
      }
      if (out != null) {
        e.responseStream = out;
      }
    }

    @Override
    public @Nullable HttpPrincipal getPrincipal() {
      return null;
    }
  }

  /** An HTTPS exchange: the plain one plus the TLS session. */
  private static final class TlsView extends HttpsExchange {
    private final PlainView plain;
    private final SSLSession session;

    TlsView(Exchange exchange, SSLSession session) {
      this.plain = new PlainView(exchange);
      this.session = session;
    }

    @Override
    public SSLSession getSSLSession() {
      return session;
    }

    @Override
    public Headers getRequestHeaders() {
      return plain.getRequestHeaders();
    }

    @Override
    public Headers getResponseHeaders() {
      return plain.getResponseHeaders();
    }

    @Override
    public URI getRequestURI() {
      return plain.getRequestURI();
    }

    @Override
    public String getRequestMethod() {
      return plain.getRequestMethod();
    }

    @Override
    public HttpContext getHttpContext() {
      return plain.getHttpContext();
    }

    @Override
    public void close() {
      plain.close();
    }

    @Override
    public InputStream getRequestBody() {
      return plain.getRequestBody();
    }

    @Override
    public OutputStream getResponseBody() {
      return plain.getResponseBody();
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
      plain.sendResponseHeaders(code, length);
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
      return plain.getRemoteAddress();
    }

    @Override
    public int getResponseCode() {
      return plain.getResponseCode();
    }

    @Override
    public InetSocketAddress getLocalAddress() {
      return plain.getLocalAddress();
    }

    @Override
    public String getProtocol() {
      return plain.getProtocol();
    }

    @Override
    public @Nullable Object getAttribute(String name) {
      return plain.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, @Nullable Object value) {
      plain.setAttribute(name, value);
    }

    @Override
    public void setStreams(@Nullable InputStream in, @Nullable OutputStream out) {
      plain.setStreams(in, out);
    }

    @Override
    public @Nullable HttpPrincipal getPrincipal() {
      return plain.getPrincipal();
    }
  }
}
