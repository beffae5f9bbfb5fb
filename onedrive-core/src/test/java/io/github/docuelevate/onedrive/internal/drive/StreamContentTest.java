package io.github.docuelevate.onedrive.internal.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamContentTest {
  private static final int UNIT = 320 * 1024;

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  /** Reads what a body publisher would send. */
  static byte[] drain(BodyPublisher publisher) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    CompletableFuture<Void> done = new CompletableFuture<>();
    publisher.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(ByteBuffer item) {
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            out.write(chunk, 0, chunk.length);
          }

          @Override
          public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
          }

          @Override
          public void onComplete() {
            done.complete(null);
          }
        });
    done.get();
    return out.toByteArray();
  }

  private static byte[] slice(byte[] all, long from, int length) {
    byte[] part = new byte[length];
    System.arraycopy(all, (int) from, part, 0, length);
    return part;
  }

  @Test
  void stream_resendsAFragmentAndContinuesFromAnUnalignedOffset() throws Exception {
    byte[] data = random(3 * UNIT + 1234);
    StreamContent content = new StreamContent(new ByteArrayInputStream(data), data.length, UNIT);
    assertThat(drain(content.slice(0, UNIT))).isEqualTo(slice(data, 0, UNIT));
    // Sent again after a failure: from the window.
    assertThat(drain(content.slice(0, UNIT))).isEqualTo(slice(data, 0, UNIT));
    // The server kept 1000 bytes of the next fragment: continue at an unaligned offset.
    assertThat(drain(content.slice(UNIT, UNIT))).isEqualTo(slice(data, UNIT, UNIT));
    long unaligned = UNIT + 1000;
    assertThat(drain(content.slice(unaligned, UNIT))).isEqualTo(slice(data, (int) unaligned, UNIT));
    long next = unaligned + UNIT;
    assertThat(drain(content.slice(next, UNIT))).isEqualTo(slice(data, (int) next, UNIT));
    int rest = (int) (data.length - next - UNIT);
    assertThat(drain(content.slice(next + UNIT, rest)))
        .isEqualTo(slice(data, (int) (next + UNIT), rest));
    assertThat(content.fullHash()).isEqualTo(QuickXorHash.of(data));
    assertThat(content.rereadable()).isFalse();
    assertThatThrownBy(() -> content.slice(0, 10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot be read again");
  }

  @Test
  void stream_thatEndsEarly_saysAtWhichByte() {
    StreamContent content = new StreamContent(new ByteArrayInputStream(new byte[100]), 200, UNIT);
    assertThatThrownBy(() -> content.slice(0, 200))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ended at byte 100");
  }

  @Test
  void stream_hashRangeSkipsAheadForAResume() throws Exception {
    byte[] data = random(2 * UNIT + 77);
    StreamContent content = new StreamContent(new ByteArrayInputStream(data), data.length, UNIT);
    content.hashRange(0, UNIT + 5);
    assertThat(drain(content.slice(UNIT + 5, UNIT))).isEqualTo(slice(data, UNIT + 5, UNIT));
    assertThat(content.fullHash()).isEqualTo(QuickXorHash.of(data));
  }

  @Test
  void bytes_areRereadableAndHashedUpFront() throws Exception {
    byte[] data = random(1000);
    StreamContent content = new StreamContent(data);
    assertThat(drain(content.slice(500, 500))).isEqualTo(slice(data, 500, 500));
    assertThat(drain(content.slice(0, 10))).isEqualTo(slice(data, 0, 10));
    assertThat(content.rereadable()).isTrue();
    assertThat(content.fullHash()).isEqualTo(QuickXorHash.of(data));
  }

  @Test
  void file_readsPositionallyAndHashesEachByteOnce(@TempDir Path dir) throws Exception {
    byte[] data = random(2 * UNIT + 99);
    Path file = dir.resolve("f.bin");
    Files.write(file, data);
    try (FileContent content = new FileContent(file, false)) {
      assertThat(drain(content.slice(0, UNIT))).isEqualTo(slice(data, 0, UNIT));
      assertThat(drain(content.slice(0, UNIT))).isEqualTo(slice(data, 0, UNIT));
      assertThat(drain(content.slice(UNIT + 3, UNIT))).isEqualTo(slice(data, UNIT + 3, UNIT));
      assertThat(content.fullHash()).isEqualTo(QuickXorHash.of(data));
      assertThat(content.rereadable()).isTrue();
    }
    assertThat(file).exists();
  }

  @Test
  void temporaryFile_isDeletedOnClose(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("spool.part");
    Files.write(file, random(10));
    new FileContent(file, true).close();
    assertThat(file).doesNotExist();
  }
}
