package io.github.docuelevate.onedrive.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTreesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":\"01AB\",\"size\":1048576,\"big\":12345678901,\"huge\":123456789012345678901234,"
            + "\"ratio\":0.25,\"exp\":1e3,\"ok\":true,\"no\":false,\"none\":null,"
            + "\"file\":{\"hashes\":{\"quickXorHash\":\"AAAA\"}},\"ranges\":[\"26-\",\"0-9\"],"
            + "\"nested\":[[],{},[1,[2,{\"a\":\"\\u00e9\\n\"}]]]}",
        "[1,2,3]",
        "\"text\"",
        "42",
        "{\"a\":1,\"a\":2}",
        "  {\"value\": [ ] }  "
      })
  void read_buildsTheTreeTheObjectMapperBuilds(String json) throws IOException {
    JsonNode expected = GraphTransport.mapper().readTree(json);

    JsonNode actual = JsonTrees.read(json.getBytes(StandardCharsets.UTF_8));

    assertThat(actual).isEqualTo(expected);
    assertThat(actual.getNodeType()).isEqualTo(expected.getNodeType());
    assertThat(actual.toString()).isEqualTo(expected.toString());
  }

  @Test
  void read_keepsTheNumberKinds() throws IOException {
    JsonNode tree = JsonTrees.read("{\"i\":7,\"l\":12345678901,\"d\":1.5}");

    assertThat(tree.path("i").isInt()).isTrue();
    assertThat(tree.path("l").isLong()).isTrue();
    assertThat(tree.path("l").asLong()).isEqualTo(12345678901L);
    assertThat(tree.path("d").isDouble()).isTrue();
  }

  @Test
  void read_givesAMissingNodeForNoContent() throws IOException {
    assertThat(JsonTrees.read(new byte[0]).isMissingNode()).isTrue();
    assertThat(JsonTrees.read("   ").isMissingNode()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":", "[1,2", "{\"a\" 1}", "<html>", "{\"a\":1,}"})
  void read_refusesWhatIsNotJson(String text) {
    assertThatThrownBy(() -> JsonTrees.read(text)).isInstanceOf(IOException.class);
  }
}
