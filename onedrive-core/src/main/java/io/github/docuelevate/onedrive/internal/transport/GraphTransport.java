package io.github.docuelevate.onedrive.internal.transport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.docuelevate.onedrive.AccessDeniedException;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.UnexpectedResponseException;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.event.OneDriveEventListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to Graph for one integration: adds the {@code User-Agent} and, for Graph URLs
 * only, the bearer token (refreshed once on {@code 401}); retries throttling, transient server
 * errors and network failures within the retry policy ({@link Backoff}); maps error answers to the
 * exception hierarchy. Thread-safe; many operations share one instance and one {@link HttpClient}.
 */
public final class GraphTransport {
  /** The shared JSON mapper, built on first use: answers are read by {@link JsonTrees}. */
  private static final class Mapper {
    static final ObjectMapper JSON =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  private static final Logger LOG = LoggerFactory.getLogger(GraphTransport.class);
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final HttpClient http;
  private final URI graphBase;
  private final String graphPrefix;
  private final AccessTokenSource tokens;
  private final DriveOptions options;
  private final RetryLoop retry;
  private final Clock clock;

  /**
   * Creates the transport.
   *
   * @param http the client; must not follow redirects (see {@link
   *     #newHttpClient(TransportOptions)})
   * @param graphBase Graph's versioned root, e.g. {@code https://graph.microsoft.com/v1.0}
   * @param tokens the integration's access tokens
   * @param options user agent, fragment sizes, request timeout
   * @param retryPolicy how failed requests are retried
   * @param clock the clock for {@code Retry-After} dates
   * @param integration the integration the requests are for, named in events
   * @param events hears retries and give-ups; must not throw
   */
  public GraphTransport(
      HttpClient http,
      URI graphBase,
      AccessTokenSource tokens,
      DriveOptions options,
      RetryPolicy retryPolicy,
      Clock clock,
      IntegrationKey integration,
      OneDriveEventListener events) {
    this.http = Objects.requireNonNull(http, "http");
    String base = graphBase.toString();
    this.graphBase = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.graphPrefix = this.graphBase + "/";
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retry = new RetryLoop(new Backoff(retryPolicy), clock, integration, events);
  }

  /**
   * Returns a new HTTP client as drive operations need it: HTTP/1.1, no automatic redirects (a
   * redirect to a pre-authenticated URL must drop the bearer token), the proxy, TLS context and
   * connect timeout of {@code transport}.
   *
   * @param transport proxy, TLS context, connect timeout
   * @return the client
   */
  public static HttpClient newHttpClient(TransportOptions transport) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(transport.connectTimeout());
    Proxy proxy = transport.proxy();
    if (proxy != null && proxy.address() instanceof InetSocketAddress address) {
      builder.proxy(ProxySelector.of(address));
    }
    SSLContext ssl = transport.sslContext();
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    return builder.build();
  }

  /** Returns Graph's versioned root without a trailing slash. */
  public URI graphBase() {
    return graphBase;
  }

  /** Returns the options. */
  public DriveOptions options() {
    return options;
  }

  /** Returns the retry loop of the retry policy, for transfers that make their own tries. */
  public RetryLoop retry() {
    return retry;
  }

  /** Returns the clock. */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns whether {@code uri} lies under Graph's root; only such URIs ever get the bearer token.
   */
  public boolean isGraphUri(URI uri) {
    String candidate = uri.toString();
    return candidate.startsWith(graphPrefix) || candidate.equals(graphBase.toString());
  }

  /**
   * Sends a request and parses a JSON answer, with retries.
   *
   * @param request the request
   * @return the parsed body, or a missing node when the answer had none ({@code 204})
   * @throws OneDriveException for an error answer or when the retries are used up
   */
  public JsonNode json(GraphRequest request) {
    return parse(request, send(request, BodyHandlers.ofByteArray()));
  }

  /**
   * Parses a JSON answer.
   *
   * @param request the request answered
   * @param response its answer
   * @return the parsed body, or a missing node when the answer had none ({@code 204})
   * @throws UnexpectedResponseException when the body is not JSON
   */
  public static JsonNode parse(GraphRequest request, HttpResponse<byte[]> response) {
    byte[] body = response.body();
    if (body == null || body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return JsonTrees.read(body);
    } catch (IOException e) {
      throw new UnexpectedResponseException(
          request.operation() + " failed: the answer is not JSON",
          e,
          response.statusCode(),
          null,
          response.headers().firstValue("request-id").orElse(null));
    }
  }

  /**
   * Sends a request with retries and returns a successful ({@code 2xx}) or redirect ({@code 3xx})
   * answer; throws for every other one.
   *
   * @param request the request
   * @param handler how to read the body
   * @param <T> the body type
   * @return the answer
   * @throws OneDriveException for an error answer, or when the retries are used up
   * @throws io.github.docuelevate.onedrive.OperationInterruptedException when interrupted (the
   *     interrupt flag is set again)
   */
  public <T> HttpResponse<T> send(GraphRequest request, BodyHandler<T> handler) {
    return retry.run(
        request.operation(),
        attempt -> {
          HttpResponse<T> response = sendOnce(request, handler);
          if (RetryLoop.answered(response)) {
            return new RetryLoop.Done<>(response);
          }
          return retry
              .classify(request.operation(), response, attempt)
              .retriedOrThrown(failure -> failure);
        });
  }

  /**
   * Sends a request once (for authenticated requests: once more with a refreshed token after a
   * {@code 401}). Returns every answer, whatever its status.
   *
   * @param request the request
   * @param handler how to read the body
   * @param <T> the body type
   * @return the answer
   * @throws IOException when no answer arrived
   * @throws InterruptedException when interrupted
   */
  public <T> HttpResponse<T> sendOnce(GraphRequest request, BodyHandler<T> handler)
      throws IOException, InterruptedException {
    if (!request.authenticated()) {
      return http.send(build(request, null), handler);
    }
    if (!isGraphUri(request.uri())) {
      throw new IllegalArgumentException(
          request.operation() + ": refusing to send the access token outside " + graphBase);
    }
    Secret token = tokens.accessToken();
    HttpResponse<T> response = http.send(build(request, token), handler);
    if (response.statusCode() != 401) {
      return response;
    }
    discard(response);
    Secret fresh = tokens.refreshAccessToken(token);
    LOG.debug("{}: access token rejected, sending again with a refreshed one", request.operation());
    HttpResponse<T> second = http.send(build(request, fresh), handler);
    if (second.statusCode() == 401) {
      OneDriveException failure =
          GraphErrors.fromResponse(
              request.operation(), 401, second.headers(), errorBody(second), null, 1);
      throw new AccessDeniedException(
          failure.getMessage() + "; Graph refused a freshly refreshed access token",
          null,
          401,
          failure.errorCode(),
          failure.requestId());
    }
    return second;
  }

  private HttpRequest build(GraphRequest request, @Nullable Secret token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(options.requestTimeout())
            .header("User-Agent", options.userAgent());
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    if (token != null) {
      builder.header("Authorization", "Bearer " + token.reveal());
    }
    var body = request.body();
    builder.method(
        request.method(), body == null ? HttpRequest.BodyPublishers.noBody() : body.get());
    return builder.build();
  }

  /**
   * Reads (at most 64 KiB of) an error answer's body, whatever the body handler produced.
   *
   * @param response the answer
   * @return its body bytes, possibly empty
   */
  public static byte[] errorBody(HttpResponse<?> response) {
    Object body = response.body();
    if (body instanceof byte[] bytes) {
      return bytes;
    }
    if (body instanceof InputStream in) {
      try (in) {
        return in.readNBytes(MAX_ERROR_BODY);
      } catch (IOException e) {
        return new byte[0];
      }
    }
    return new byte[0];
  }

  /** Closes an answer's body stream, if it has one, without reading it. */
  public static void discard(HttpResponse<?> response) {
    if (response.body() instanceof InputStream in) {
      try {
        in.close();
      } catch (IOException ignored) {
        // Nothing to keep.
      }
    }
  }

  /**
   * Returns the shared JSON mapper (thread-safe once configured), for writing bodies and binding
   * values; built on first use.
   *
   * @return the mapper
   */
  public static ObjectMapper mapper() {
    return Mapper.JSON;
  }

  /** Serializes a JSON body. */
  public static byte[] toJson(Object value) {
    try {
      return mapper().writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
