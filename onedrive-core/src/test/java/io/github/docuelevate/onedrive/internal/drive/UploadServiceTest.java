package io.github.docuelevate.onedrive.internal.drive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.internal.transport.GraphTransport;
import org.junit.jupiter.api.Test;

class UploadServiceTest {
  private static JsonNode json(String text) throws Exception {
    return GraphTransport.mapper().readTree(text);
  }

  @Test
  void nextExpected_takesTheLowestStartOfAllRanges() throws Exception {
    assertThat(UploadService.nextExpected(json("{\"nextExpectedRanges\":[\"26-\"]}"), 0))
        .isEqualTo(26);
    assertThat(
            UploadService.nextExpected(
                json("{\"nextExpectedRanges\":[\"1200-1499\",\"327680-\",\"12-55\"]}"), 0))
        .isEqualTo(12);
    assertThat(UploadService.nextExpected(json("{\"nextExpectedRanges\":[\"7\"]}"), 0))
        .isEqualTo(7);
  }

  @Test
  void nextExpected_fallsBackWhenRangesAreMissingOrUnreadable() throws Exception {
    assertThat(UploadService.nextExpected(json("{}"), 99)).isEqualTo(99);
    assertThat(UploadService.nextExpected(json("{\"nextExpectedRanges\":[\"x-y\"]}"), 5))
        .isEqualTo(5);
  }
}
