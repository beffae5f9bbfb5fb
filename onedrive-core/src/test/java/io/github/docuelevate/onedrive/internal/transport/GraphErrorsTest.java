package io.github.docuelevate.onedrive.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.ThrottledException;
import io.github.docuelevate.onedrive.TransientNetworkException;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphErrorsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static HttpHeaders headers(Map<String, List<String>> map) {
    return HttpHeaders.of(map, (a, b) -> true);
  }

  private static byte[] body(String code, String message, String requestId) {
    return ("{\"error\":{\"code\":\""
            + code
            + "\",\"message\":\""
            + message
            + "\",\"innerError\":{\"request-id\":\""
            + requestId
            + "\"}}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @CsvSource({
    "404,itemNotFound,NotFoundException",
    "409,nameAlreadyExists,ConflictException",
    "412,preconditionFailed,ConflictException",
    "403,accessDenied,AccessDeniedException",
    "507,quotaLimitReached,QuotaExceededException",
    "500,generalException,TransientNetworkException",
    "502,badGateway,TransientNetworkException",
    "504,gatewayTimeout,TransientNetworkException",
    "503,serviceNotAvailable,TransientNetworkException",
    "400,invalidRequest,UnexpectedResponseException",
  })
  void fromResponse_mapsStatusToTypeWithCodeAndRequestId(int status, String code, String type) {
    OneDriveException e =
        GraphErrors.fromResponse(
            "list 'Docs'", status, headers(Map.of()), body(code, "nope", "req-1"), null, 1);
    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
    assertThat(e.httpStatus()).isEqualTo(status);
    assertThat(e.errorCode()).isEqualTo(code);
    assertThat(e.requestId()).isEqualTo("req-1");
    assertThat(e.getMessage()).contains("list 'Docs'", code, "req-1", "nope");
  }

  @Test
  void fromResponse_throttledCarriesRetryAfter() {
    OneDriveException e =
        GraphErrors.fromResponse(
            "upload",
            429,
            headers(Map.of("request-id", List.of("hdr-id"))),
            body("activityLimitReached", "slow down", "body-id"),
            Duration.ofSeconds(90),
            3);
    assertThat(e).isInstanceOf(ThrottledException.class);
    assertThat(((ThrottledException) e).retryAfter()).isEqualTo(Duration.ofSeconds(90));
    assertThat(e.requestId()).isEqualTo("hdr-id");
    assertThat(e.getMessage()).contains("after 3 attempts");
  }

  @Test
  void fromResponse_prefersTheSpecificInnerCode() {
    byte[] nested =
        "{\"error\":{\"code\":\"conflict\",\"message\":\"m\",\"innerError\":{\"code\":\"nameAlreadyExists\"}}}"
            .getBytes(StandardCharsets.UTF_8);
    OneDriveException e = GraphErrors.fromResponse("x", 409, headers(Map.of()), nested, null, 1);
    assertThat(e.errorCode()).isEqualTo("nameAlreadyExists");
  }

  @Test
  void fromResponse_survivesABodyThatIsNotJson() {
    OneDriveException e =
        GraphErrors.fromResponse(
            "x", 502, headers(Map.of()), "<html>".getBytes(StandardCharsets.UTF_8), null, 1);
    assertThat(e).isInstanceOf(TransientNetworkException.class);
    assertThat(e.errorCode()).isNull();
    assertThat(e.getMessage()).contains("HTTP 502");
  }

  @Test
  void retryAfter_readsSecondsAndDatesInAnyCase() {
    assertThat(GraphErrors.retryAfter(headers(Map.of("retry-after", List.of("12"))), CLOCK))
        .isEqualTo(Duration.ofSeconds(12));
    assertThat(
            GraphErrors.retryAfter(
                headers(Map.of("Retry-After", List.of("Thu, 01 Jan 2026 00:01:00 GMT"))), CLOCK))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(GraphErrors.retryAfter(headers(Map.of("Retry-After", List.of("soon"))), CLOCK))
        .isNull();
    assertThat(GraphErrors.retryAfter(headers(Map.of()), CLOCK)).isNull();
  }

  @Test
  void fromIo_isTransientWithoutStatus() {
    TransientNetworkException e =
        GraphErrors.fromIo("upload bytes 0-9/10", new IOException("Connection reset"), 4);
    assertThat(e.httpStatus()).isZero();
    assertThat(e.getMessage()).contains("upload bytes 0-9/10", "Connection reset", "4 attempts");
  }

  @Test
  void withContext_keepsTypeAndDetails() {
    OneDriveException original =
        GraphErrors.fromResponse(
            "put", 429, headers(Map.of()), body("tooMany", "m", "r-9"), Duration.ofSeconds(5), 1);
    OneDriveException wrapped = GraphErrors.withContext(original, "upload of 'a' failed at byte 7");
    assertThat(wrapped).isInstanceOf(ThrottledException.class);
    assertThat(((ThrottledException) wrapped).retryAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(wrapped.getMessage()).startsWith("upload of 'a' failed at byte 7: put failed");
    assertThat(wrapped.getMessage()).containsOnlyOnce("retry after");
    assertThat(wrapped.requestId()).isEqualTo("r-9");
    for (int status : new int[] {404, 409, 507, 403, 500, 400}) {
      OneDriveException e =
          GraphErrors.fromResponse("op", status, headers(Map.of()), new byte[0], null, 1);
      assertThat(GraphErrors.withContext(e, "ctx")).isInstanceOf(e.getClass());
    }
  }
}
