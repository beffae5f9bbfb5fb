package io.github.docuelevate.onedrive.testkit;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A fault the fake injects into matching requests: throttling, rate limits, server errors, quota
 * errors, dropped connections, partial uploads, slow responses or identity platform errors.
 *
 * <p>A rule matches by method and path, then fires on every Nth match, with a probability drawn
 * from a seeded random generator, at most a given number of times: the same test run produces the
 * same faults. Rules are immutable; their counters live in {@link Faults}.
 *
 * <pre>{@code
 * fake.faults().add(FaultRule.on("PUT", "/graph-upload/**").everyNth(3).times(2).error(503));
 * fake.faults().add(FaultRule.on("POST", "/* /oauth2/v2.0/token").throttle(429, Duration.ofSeconds(5)));
 * }</pre>
 *
 * <p>Path patterns match the raw path without the query: {@code *} stands for any characters within
 * one segment, {@code **} for any characters across segments.
 */
public final class FaultRule {
  private static final AtomicLong IDS = new AtomicLong();

  /** What a rule does when it fires. */
  public enum Kind {
    /**
     * Answers 429 or 503 with {@code Retry-After}; requests matching the rule before that time has
     * passed (on the fake's clock) are throttled again, as Graph does.
     */
    THROTTLE,
    /** Lets {@code requests} matching requests through per window, then answers 429. */
    RATE_LIMIT,
    /** Answers an error status (500, 502, 503, 504, ...) with a Graph error body. */
    ERROR,
    /** Answers 507 with Graph error code {@code quotaLimitReached}. */
    QUOTA_EXCEEDED,
    /** Drops the connection before answering (the request body is not read). */
    RESET_BEFORE_RESPONSE,
    /** Reads {@code afterBytes} of the request body, then drops the connection. */
    RESET_MID_BODY,
    /**
     * Serves the request (an upload is stored, a folder created), then drops the connection instead
     * of sending the answer: the server did the work, the client never learns of it.
     */
    RESET_AFTER_HANDLING,
    /**
     * Lets an upload fragment be partly accepted ({@code afterBytes}) before a 503 with {@code
     * Retry-After}; carried out by the Graph upload handler.
     */
    PARTIAL_ACCEPT,
    /**
     * Serves {@code afterBytes} of a download's body, then stops sending: to the client the
     * connection hangs until it gives up. Carried out by the Graph download handler (other routes
     * answer normally).
     */
    RESET_MID_RESPONSE,
    /** Holds the request for {@code delay} (real time), then serves it normally. */
    DELAY,
    /** Answers an identity platform error ({@code error}, {@code AADSTS} code, description). */
    IDENTITY_ERROR
  }

  private final String id;
  private final @Nullable String method;
  private final String pathPattern;
  private final Pattern path;
  private final int everyNth;
  private final double probability;
  private final long seed;
  private final int times;
  private final int skipFirst;
  private final Kind kind;
  private final int status;
  private final Duration retryAfter;
  private final int requests;
  private final Duration window;
  private final long afterBytes;
  private final Duration delay;
  private final String error;
  private final int aadstsCode;
  private final String description;

  private FaultRule(Builder b, Kind kind) {
    this.id = "fault-" + IDS.incrementAndGet();
    this.method = b.method;
    this.pathPattern = b.pathPattern;
    this.path = b.path;
    this.everyNth = b.everyNth;
    this.probability = b.probability;
    this.seed = b.seed;
    this.times = b.times;
    this.skipFirst = b.skipFirst;
    this.kind = kind;
    this.status = b.status;
    this.retryAfter = b.retryAfter;
    this.requests = b.requests;
    this.window = b.window;
    this.afterBytes = b.afterBytes;
    this.delay = b.delay;
    this.error = b.error;
    this.aadstsCode = b.aadstsCode;
    this.description = b.description;
  }

  /**
   * Starts a rule for requests with a method and a path pattern.
   *
   * @param method the HTTP method, e.g. {@code PUT}, or {@code *} for any
   * @param pathPattern e.g. {@code /v1.0/drives/**} or {@code /* /oauth2/v2.0/token} (without the
   *     space)
   * @return a builder; finish it with one of the fault methods
   */
  public static Builder on(String method, String pathPattern) {
    return new Builder(method, pathPattern);
  }

  /**
   * Starts a rule for every request (except the {@code /_testkit/} control API).
   *
   * @return a builder
   */
  public static Builder onAnyRequest() {
    return new Builder("*", "/**");
  }

  /**
   * Starts a rule for the token endpoint of every tenant.
   *
   * @return a builder
   */
  public static Builder onTokenEndpoint() {
    return new Builder("POST", "/*/oauth2/v2.0/token");
  }

  /** Returns the rule's id, unique in this JVM (e.g. {@code fault-3}). */
  public String id() {
    return id;
  }

  /**
   * Returns whether a request matches the rule's method and path.
   *
   * @param requestMethod the request method
   * @param rawPath the raw path, without query
   * @return whether the rule applies
   */
  public boolean matches(String requestMethod, String rawPath) {
    return (method == null || method.equalsIgnoreCase(requestMethod))
        && path.matcher(rawPath).matches();
  }

  /** Returns the method matched, or {@code null} for any. */
  public @Nullable String method() {
    return method;
  }

  /** Returns the path pattern as given. */
  public String pathPattern() {
    return pathPattern;
  }

  /** Returns N of "every Nth matching request" (1 = every one). */
  public int everyNth() {
    return everyNth;
  }

  /** Returns the probability a candidate request gets the fault (1 = always). */
  public double probability() {
    return probability;
  }

  /** Returns the seed of the random generator behind {@link #probability()}. */
  public long seed() {
    return seed;
  }

  /** Returns how often the rule fires at most ({@link Integer#MAX_VALUE} = unlimited). */
  public int times() {
    return times;
  }

  /** Returns how many matching requests pass before the rule can fire. */
  public int skipFirst() {
    return skipFirst;
  }

  /** Returns what the rule does. */
  public Kind kind() {
    return kind;
  }

  /** Returns the HTTP status the rule answers with (0 where it answers none). */
  public int status() {
    return status;
  }

  /** Returns the {@code Retry-After} of throttling and partial-accept faults. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Returns the requests allowed per window of a rate limit. */
  public int requests() {
    return requests;
  }

  /** Returns the window of a rate limit. */
  public Duration window() {
    return window;
  }

  /** Returns the body bytes read (or accepted) before a mid-body fault. */
  public long afterBytes() {
    return afterBytes;
  }

  /** Returns the delay of a {@link Kind#DELAY} rule. */
  public Duration delay() {
    return delay;
  }

  /** Returns the OAuth error (identity errors) or the Graph error code (others) sent. */
  public String error() {
    return error;
  }

  /** Returns the {@code AADSTS} code of an identity error. */
  public int aadstsCode() {
    return aadstsCode;
  }

  /** Returns the error message sent. */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    StringBuilder s =
        new StringBuilder("FaultRule[")
            .append(id)
            .append(' ')
            .append(method == null ? "*" : method)
            .append(' ')
            .append(pathPattern)
            .append(" -> ")
            .append(kind);
    if (status != 0) {
      s.append(' ').append(status);
    }
    if (everyNth > 1) {
      s.append(", every ").append(everyNth);
    }
    if (probability < 1) {
      s.append(", p=").append(probability).append(" seed=").append(seed);
    }
    if (times != Integer.MAX_VALUE) {
      s.append(", times=").append(times);
    }
    return s.append(']').toString();
  }

  /** Turns a path pattern into a regular expression. */
  static Pattern compile(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          regex.append(".*");
          i++;
        } else {
          regex.append("[^/]*");
        }
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  /** Configures a {@link FaultRule}; one of the fault methods builds it. */
  public static final class Builder {
    private final @Nullable String method;
    private final String pathPattern;
    private final Pattern path;
    private int everyNth = 1;
    private double probability = 1;
    private long seed;
    private int times = Integer.MAX_VALUE;
    private int skipFirst;
    private int status;
    private Duration retryAfter = Duration.ZERO;
    private int requests;
    private Duration window = Duration.ZERO;
    private long afterBytes;
    private Duration delay = Duration.ZERO;
    private String error = "";
    private int aadstsCode;
    private String description = "";

    private Builder(String method, String pathPattern) {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(pathPattern, "pathPattern");
      if (!pathPattern.startsWith("/")) {
        throw new IllegalArgumentException("a path pattern starts with '/': " + pathPattern);
      }
      this.method = method.equals("*") ? null : method.toUpperCase(Locale.ROOT);
      this.pathPattern = pathPattern;
      this.path = compile(pathPattern);
    }

    /**
     * Fires on every Nth matching request only (the Nth, 2Nth, ...).
     *
     * @param n at least 1
     * @return this builder
     */
    public Builder everyNth(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("everyNth must be at least 1: " + n);
      }
      this.everyNth = n;
      return this;
    }

    /**
     * Fires on a candidate request with probability {@code p}, drawn from a generator seeded with
     * {@code seed} (reset with the rule's counters).
     *
     * @param p between 0 and 1
     * @param seed the generator's seed
     * @return this builder
     */
    public Builder probability(double p, long seed) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probability must be in [0, 1]: " + p);
      }
      this.probability = p;
      this.seed = seed;
      return this;
    }

    /**
     * Fires at most {@code max} times.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder times(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("times must be at least 1: " + max);
      }
      this.times = max;
      return this;
    }

    /**
     * Lets the first {@code n} matching requests through untouched.
     *
     * @param n at least 0
     * @return this builder
     */
    public Builder skipFirst(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("skipFirst must not be negative: " + n);
      }
      this.skipFirst = n;
      return this;
    }

    /**
     * Throttles: answers {@code status} (429 or 503) with {@code Retry-After}; matching requests
     * before the wait is over are throttled again (not counted against {@link #times(int)}).
     *
     * @param status 429 or 503
     * @param retryAfter the wait, whole seconds, at least one second
     * @return the rule
     */
    public FaultRule throttle(int status, Duration retryAfter) {
      if (status != 429 && status != 503) {
        throw new IllegalArgumentException("throttling answers 429 or 503, not " + status);
      }
      this.status = status;
      this.retryAfter = atLeastOneSecond(retryAfter);
      this.error = status == 429 ? "activityLimitReached" : "serviceNotAvailable";
      this.description =
          status == 429
              ? "The request has been throttled"
              : "The service is temporarily unavailable. Retry after the given time.";
      return new FaultRule(this, Kind.THROTTLE);
    }

    /**
     * Limits matching requests to {@code requests} per {@code window} (fixed windows on the fake's
     * clock, starting at the first request); the excess gets 429 with the {@code Retry-After} of
     * the window's end. Ignores {@link #everyNth}, {@link #probability} and {@link #times}.
     *
     * @param requests allowed per window, at least 1
     * @param window the window, at least one second
     * @return the rule
     */
    public FaultRule rateLimit(int requests, Duration window) {
      if (requests < 1) {
        throw new IllegalArgumentException("requests must be at least 1: " + requests);
      }
      this.requests = requests;
      this.window = atLeastOneSecond(window);
      this.status = 429;
      this.error = "activityLimitReached";
      this.description = "The request has been throttled: rate limit exceeded";
      return new FaultRule(this, Kind.RATE_LIMIT);
    }

    /**
     * Answers an error status with a Graph error body ({@code generalException}, {@code
     * badGateway}, {@code serviceNotAvailable}, {@code gatewayTimeout}).
     *
     * @param status 400-599
     * @return the rule
     */
    public FaultRule error(int status) {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("an error status is 400-599: " + status);
      }
      this.status = status;
      this.error =
          switch (status) {
            case 502 -> "badGateway";
            case 503 -> "serviceNotAvailable";
            case 504 -> "gatewayTimeout";
            case 429 -> "activityLimitReached";
            default -> "generalException";
          };
      this.description = "An injected error occurred (" + status + ").";
      return new FaultRule(this, Kind.ERROR);
    }

    /**
     * Answers 507 Insufficient Storage with Graph error code {@code quotaLimitReached}.
     *
     * @return the rule
     */
    public FaultRule quotaExceeded() {
      this.status = 507;
      this.error = "quotaLimitReached";
      this.description = "Insufficient Space Available";
      return new FaultRule(this, Kind.QUOTA_EXCEEDED);
    }

    /**
     * Drops the connection before any response.
     *
     * @return the rule
     */
    public FaultRule resetBeforeResponse() {
      return new FaultRule(this, Kind.RESET_BEFORE_RESPONSE);
    }

    /**
     * Serves the request, then drops the connection instead of answering, as a connection lost
     * after the server did the work looks to the client.
     *
     * @return the rule
     */
    public FaultRule resetAfterHandling() {
      return new FaultRule(this, Kind.RESET_AFTER_HANDLING);
    }

    /**
     * Reads {@code afterBytes} of the request body, then drops the connection.
     *
     * @param afterBytes bytes to read first, at least 0
     * @return the rule
     */
    public FaultRule resetMidBody(long afterBytes) {
      if (afterBytes < 0) {
        throw new IllegalArgumentException("afterBytes must not be negative: " + afterBytes);
      }
      this.afterBytes = afterBytes;
      return new FaultRule(this, Kind.RESET_MID_BODY);
    }

    /**
     * Makes an upload fragment be partly accepted: the upload session keeps the first {@code
     * afterBytes} bytes, then the server answers 503 with {@code Retry-After}.
     *
     * @param afterBytes bytes kept, at least 0
     * @param retryAfter the {@code Retry-After} of the 503
     * @return the rule
     */
    public FaultRule partialAccept(long afterBytes, Duration retryAfter) {
      if (afterBytes < 0) {
        throw new IllegalArgumentException("afterBytes must not be negative: " + afterBytes);
      }
      this.afterBytes = afterBytes;
      this.status = 503;
      this.retryAfter = atLeastOneSecond(retryAfter);
      return new FaultRule(this, Kind.PARTIAL_ACCEPT);
    }

    /**
     * Stops a download's body after {@code afterBytes}, as a connection lost mid-download looks to
     * a client: no more bytes and no end. The client must time out and resume with a range request.
     *
     * @param afterBytes body bytes sent first, at least 0
     * @return the rule
     */
    public FaultRule resetMidResponse(long afterBytes) {
      if (afterBytes < 0) {
        throw new IllegalArgumentException("afterBytes must not be negative: " + afterBytes);
      }
      this.afterBytes = afterBytes;
      return new FaultRule(this, Kind.RESET_MID_RESPONSE);
    }

    /**
     * Holds matching requests for a while (real time) before serving them.
     *
     * @param delay the delay, positive
     * @return the rule
     */
    public FaultRule delay(Duration delay) {
      if (delay.isNegative() || delay.isZero()) {
        throw new IllegalArgumentException("delay must be positive: " + delay);
      }
      this.delay = delay;
      return new FaultRule(this, Kind.DELAY);
    }

    /**
     * Answers with an identity platform error body ({@code error}, {@code error_description}
     * starting with {@code AADSTS<code>}, {@code error_codes}, ...).
     *
     * @param status the HTTP status, e.g. 400 or 503
     * @param error the OAuth error, e.g. {@code temporarily_unavailable}
     * @param aadstsCode the {@code AADSTS} number, e.g. 90033
     * @param description the message after the code
     * @return the rule
     */
    public FaultRule identityError(int status, String error, int aadstsCode, String description) {
      this.status = status;
      this.error = Objects.requireNonNull(error, "error");
      this.aadstsCode = aadstsCode;
      this.description = Objects.requireNonNull(description, "description");
      return new FaultRule(this, Kind.IDENTITY_ERROR);
    }

    /**
     * Makes the identity platform look down: 503 {@code temporarily_unavailable} (AADSTS90033) with
     * {@code Retry-After}.
     *
     * @param retryAfter the {@code Retry-After}
     * @return the rule
     */
    public FaultRule outage(Duration retryAfter) {
      this.retryAfter = atLeastOneSecond(retryAfter);
      return identityError(
          503,
          "temporarily_unavailable",
          90033,
          "A transient error has occurred. Please try again.");
    }

    private static Duration atLeastOneSecond(Duration duration) {
      if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("must be at least one second: " + duration);
      }
      return duration;
    }
  }
}
