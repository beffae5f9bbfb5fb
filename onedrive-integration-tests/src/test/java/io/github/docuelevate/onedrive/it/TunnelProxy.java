package io.github.docuelevate.onedrive.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal HTTP proxy that only tunnels ({@code CONNECT host:port}), as corporate proxies do for
 * HTTPS, and records every tunnel it opened. Anything else is answered with 405.
 */
final class TunnelProxy implements AutoCloseable {
  private final ServerSocket server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "tunnel-proxy");
            t.setDaemon(true);
            return t;
          });
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final List<String> tunnels = new CopyOnWriteArrayList<>();

  TunnelProxy() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** Returns the proxy to hand to a client. */
  Proxy proxy() {
    return new Proxy(
        Proxy.Type.HTTP,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
  }

  /** Returns the {@code host:port} of every tunnel opened so far. */
  List<String> tunnels() {
    return List.copyOf(tunnels);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      String head = readHead(in);
      String[] requestLine = head.split("\r\n", 2)[0].split(" ");
      if (requestLine.length != 3 || !requestLine[0].equals("CONNECT")) {
        out.write(
            "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        return;
      }
      String target = requestLine[1];
      int colon = target.lastIndexOf(':');
      try (Socket upstream =
          new Socket(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)))) {
        tunnels.add(target);
        out.write(
            "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        threads.execute(() -> pipe(upstream, client));
        pipe(client, upstream);
      }
    } catch (IOException e) {
      // the client or the target went away: the tunnel ends
    }
  }

  private static void pipe(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      // one side closed; the other copy ends too
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the client closed before the end of the request head");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    threads.shutdownNow();
  }
}
