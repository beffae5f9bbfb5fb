package io.github.docuelevate.onedrive.internal.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuickXorHashTest {
  private static final int[] BLOCK_SIZES = {
    1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 64, 152, 159, 160, 161, 167, 168, 320, 4096
  };

  record Vector(int length, byte[] input, String expected) {}

  static List<Vector> vectors() throws IOException {
    List<Vector> out = new ArrayList<>();
    try (InputStream in =
            Objects.requireNonNull(
                QuickXorHashTest.class.getResourceAsStream("quickxorhash-vectors.tsv"));
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] columns = line.split("\t", -1);
        out.add(
            new Vector(
                Integer.parseInt(columns[0]),
                Base64.getDecoder().decode(columns[1]),
                columns[2].trim()));
      }
    }
    return out;
  }

  static Stream<Arguments> vectorsWithBlockSizes() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (Vector vector : vectors()) {
      for (int block : BLOCK_SIZES) {
        out.add(Arguments.of(vector.length(), block, vector));
      }
    }
    return out.stream();
  }

  @Test
  void vectorFile_hasEveryLengthItAnnounces() throws IOException {
    List<Vector> vectors = vectors();
    assertThat(vectors).hasSizeGreaterThanOrEqualTo(25);
    for (Vector vector : vectors) {
      assertThat(vector.input()).hasSize(vector.length());
    }
  }

  @Test
  void wholeInput_matchesEveryKnownAnswer() throws IOException {
    for (Vector vector : vectors()) {
      assertThat(QuickXorHash.of(vector.input()))
          .as("length %d", vector.length())
          .isEqualTo(vector.expected());
    }
  }

  @ParameterizedTest(name = "length {0} in blocks of {1}")
  @MethodSource("vectorsWithBlockSizes")
  void inputInBlocks_matchesKnownAnswer(int length, int block, Vector vector) {
    assertThat(hashInBlocks(vector.input(), block)).isEqualTo(vector.expected());
  }

  @Test
  void longInput_matchesBitByBitReferenceWholeAndInBlocks() {
    byte[] data = new byte[1_000_003];
    new SplittableRandom(42).nextBytes(data);
    String reference = Base64.getEncoder().encodeToString(referenceDigest(data));
    assertThat(QuickXorHash.of(data)).isEqualTo(reference);
    for (int block : BLOCK_SIZES) {
      assertThat(hashInBlocks(data, block)).as("blocks of %d", block).isEqualTo(reference);
    }
  }

  @Test
  void copy_continuesIndependently() {
    byte[] data = new byte[1000];
    new SplittableRandom(7).nextBytes(data);
    QuickXorHash first = new QuickXorHash();
    first.update(data, 0, 400);
    QuickXorHash second = first.copy();
    second.update(data, 400, 100);
    first.update(data, 400, 600);
    assertThat(first.digestBase64()).isEqualTo(QuickXorHash.of(data));
    byte[] prefix = java.util.Arrays.copyOf(data, 500);
    assertThat(second.digestBase64()).isEqualTo(QuickXorHash.of(prefix));
    assertThat(second.length()).isEqualTo(500);
  }

  @Test
  void oddOffsetsAndLengths_matchBitByBitReference() {
    byte[] buffer = new byte[3 * 160 + 23];
    new SplittableRandom(11).nextBytes(buffer);
    for (int offset = 0; offset < 17; offset++) {
      for (int length = 0; offset + length <= buffer.length; length += 1 + length / 7) {
        byte[] slice = java.util.Arrays.copyOfRange(buffer, offset, offset + length);
        QuickXorHash hash = new QuickXorHash();
        hash.update(buffer, offset, length);
        assertThat(hash.digest())
            .as("offset %d length %d", offset, length)
            .isEqualTo(referenceDigest(slice));
      }
    }
  }

  @Test
  void updatesSplitAroundWordAndRoundBoundaries_matchOneUpdate() {
    byte[] data = new byte[2 * 160 + 40];
    new SplittableRandom(5).nextBytes(data);
    String whole = QuickXorHash.of(data);
    // Split points on both sides of every word boundary (multiples of 8) and round boundary (160).
    for (int first = 0; first <= data.length; first++) {
      for (int second :
          new int[] {first, first + 1, first + 7, first + 8, first + 9, first + 160}) {
        if (second > data.length) {
          continue;
        }
        QuickXorHash hash = new QuickXorHash();
        hash.update(data, 0, first);
        hash.update(data, first, second - first);
        hash.update(data, second, data.length - second);
        assertThat(hash.digestBase64()).as("split at %d and %d", first, second).isEqualTo(whole);
      }
    }
  }

  @Test
  void manySmallUpdatesOfVaryingSize_matchOneBigUpdate() {
    byte[] data = new byte[1 << 20];
    new SplittableRandom(99).nextBytes(data);
    SplittableRandom sizes = new SplittableRandom(3);
    QuickXorHash hash = new QuickXorHash();
    int offset = 0;
    int updates = 0;
    while (offset < data.length) {
      int size = Math.min(sizes.nextInt(0, 40), data.length - offset);
      hash.update(data, offset, size);
      offset += size;
      updates++;
    }
    assertThat(updates).isGreaterThan(10_000);
    assertThat(hash.length()).isEqualTo(data.length);
    assertThat(hash.digestBase64()).isEqualTo(QuickXorHash.of(data));
    assertThat(hash.digest()).isEqualTo(referenceDigest(data));
  }

  @Test
  void digest_canBeTakenBetweenUpdates() {
    byte[] data = new byte[1000];
    new SplittableRandom(8).nextBytes(data);
    QuickXorHash hash = new QuickXorHash();
    hash.update(data, 0, 333);
    assertThat(hash.digestBase64()).isEqualTo(QuickXorHash.of(java.util.Arrays.copyOf(data, 333)));
    hash.update(data, 333, 667);
    assertThat(hash.digestBase64()).isEqualTo(QuickXorHash.of(data));
  }

  @Test
  void update_outOfRange_throws() {
    QuickXorHash hash = new QuickXorHash();
    assertThatThrownBy(() -> hash.update(new byte[4], 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  private static String hashInBlocks(byte[] data, int block) {
    QuickXorHash hash = new QuickXorHash();
    for (int offset = 0; offset < data.length; offset += block) {
      hash.update(data, offset, Math.min(block, data.length - offset));
    }
    return hash.digestBase64();
  }

  /** The definition, bit by bit: byte i goes to bit (11 * i) mod 160, then the length. */
  private static byte[] referenceDigest(byte[] data) {
    boolean[] bits = new boolean[160];
    for (long i = 0; i < data.length; i++) {
      int start = (int) ((i * 11) % 160);
      for (int b = 0; b < 8; b++) {
        if (((data[(int) i] >> b) & 1) != 0) {
          int position = (start + b) % 160;
          bits[position] = !bits[position];
        }
      }
    }
    byte[] out = new byte[20];
    for (int position = 0; position < 160; position++) {
      if (bits[position]) {
        out[position / 8] |= (byte) (1 << (position % 8));
      }
    }
    long length = data.length;
    for (int i = 0; i < 8; i++) {
      out[12 + i] ^= (byte) (length >>> (8 * i));
    }
    return out;
  }
}
