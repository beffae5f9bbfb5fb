package io.github.docuelevate.onedrive.testkit.internal.http;

/**
 * A fault that strikes while a request body is being received. The fault interceptor attaches it to
 * the exchange; the route that consumes the body carries it out.
 *
 * @param kind what happens
 * @param afterBytes how many body bytes are received (and, for {@link Kind#PARTIAL_ACCEPT}, kept)
 *     before the fault
 * @param retryAfterSeconds the {@code Retry-After} of the error response, where one is sent
 */
public record BodyFault(Kind kind, long afterBytes, int retryAfterSeconds) {

  /** The kinds of body faults. */
  public enum Kind {
    /** The connection drops after {@code afterBytes}; nothing of the request is kept. */
    RESET_MID_BODY,
    /**
     * An upload fragment: the first {@code afterBytes} bytes are kept by the session, then the
     * server answers 503 with {@code Retry-After}; the session's next expected range then starts at
     * an offset that need not be 320 KiB-aligned.
     */
    PARTIAL_ACCEPT,
    /**
     * A download: the first {@code afterBytes} bytes of the answer's body are sent, then nothing
     * more.
     */
    RESET_MID_RESPONSE
  }
}
