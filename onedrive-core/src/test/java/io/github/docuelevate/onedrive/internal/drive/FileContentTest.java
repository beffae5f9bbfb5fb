package io.github.docuelevate.onedrive.internal.drive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Flow;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request bodies of a file upload: pieces read on demand, each byte hashed once. */
class FileContentTest {
  private static final int PIECE = FileContent.PIECE;

  @TempDir Path dir;

  private Path file(byte[] data) throws IOException {
    return Files.write(dir.resolve("f.bin"), data);
  }

  private static byte[] bytes(int size) {
    byte[] data = new byte[size];
    new SplittableRandom(size).nextBytes(data);
    return data;
  }

  /** Records every signal; asks for {@code perRequest} pieces at start and after each piece. */
  private static final class Recorder implements Flow.Subscriber<ByteBuffer> {
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final List<Integer> pieceSizes = new ArrayList<>();
    final List<Integer> stackDepths = new ArrayList<>();
    final BiConsumer<Recorder, Flow.Subscription> onPiece;
    Flow.@Nullable Subscription subscription;
    @Nullable Throwable error;
    int completions;

    Recorder(BiConsumer<Recorder, Flow.Subscription> onPiece) {
      this.onPiece = onPiece;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(ByteBuffer item) {
      pieceSizes.add(item.remaining());
      stackDepths.add(Thread.currentThread().getStackTrace().length);
      byte[] copy = new byte[item.remaining()];
      item.get(copy);
      received.writeBytes(copy);
      onPiece.accept(this, subscription());
    }

    @Override
    public void onError(Throwable throwable) {
      error = throwable;
    }

    @Override
    public void onComplete() {
      completions++;
    }

    Flow.Subscription subscription() {
      return Objects.requireNonNull(subscription, "onSubscribe was not called");
    }
  }

  @Test
  void slice_deliversOnePiecePerRequest_inOrder_thenCompletes() throws IOException {
    byte[] data = bytes(3 * PIECE + 1234);
    try (FileContent content = new FileContent(file(data), false)) {
      BodyPublisher body = content.slice(1000, 2 * PIECE + 10);
      assertThat(body.contentLength()).isEqualTo(2 * PIECE + 10);
      Recorder recorder = new Recorder((r, s) -> {});
      body.subscribe(recorder);
      Flow.Subscription subscription = recorder.subscription();
      assertThat(recorder.pieceSizes).isEmpty();

      subscription.request(1);
      assertThat(recorder.pieceSizes).containsExactly(PIECE);
      subscription.request(1);
      assertThat(recorder.pieceSizes).containsExactly(PIECE, PIECE);
      assertThat(recorder.completions).isZero();
      subscription.request(5);
      assertThat(recorder.pieceSizes).containsExactly(PIECE, PIECE, 10);
      assertThat(recorder.completions).isEqualTo(1);
      assertThat(recorder.error).isNull();
      assertThat(recorder.received.toByteArray())
          .isEqualTo(Arrays.copyOfRange(data, 1000, 1000 + 2 * PIECE + 10));
    }
  }

  @Test
  void requestsFromInsideOnNext_doNotGrowTheStack() throws IOException {
    byte[] data = bytes(40 * PIECE);
    try (FileContent content = new FileContent(file(data), false)) {
      Recorder recorder = new Recorder((r, s) -> s.request(1));
      content.slice(0, data.length).subscribe(recorder);
      recorder.subscription().request(1);

      assertThat(recorder.received.toByteArray()).isEqualTo(data);
      assertThat(recorder.completions).isEqualTo(1);
      int first = recorder.stackDepths.get(0);
      assertThat(recorder.stackDepths).hasSize(40).allSatisfy(d -> assertThat(d).isEqualTo(first));
    }
  }

  @Test
  void aFileShorterThanItsSize_failsTheBodyWithAnIoException() throws IOException {
    byte[] data = bytes(2 * PIECE);
    Path file = file(data);
    try (FileContent content = new FileContent(file, false)) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.truncate(PIECE + 5);
      }
      Recorder recorder = new Recorder((r, s) -> {});
      content.slice(0, data.length).subscribe(recorder);
      recorder.subscription().request(Long.MAX_VALUE);

      assertThat(recorder.pieceSizes).containsExactly(PIECE);
      assertThat(recorder.error)
          .isInstanceOf(IOException.class)
          .hasMessage(
              "the file ended at byte " + (PIECE + 5) + " while " + data.length + " expected");
      assertThat(recorder.completions).isZero();
      // The uploader learns that the failed request was the file's fault, not the network's.
      assertThat(content.readFailure()).isSameAs(recorder.error);
    }
  }

  @Test
  void cancelAndBadDemand_endTheSignals() throws IOException {
    byte[] data = bytes(4 * PIECE);
    try (FileContent content = new FileContent(file(data), false)) {
      Recorder cancelling = new Recorder((r, s) -> s.cancel());
      content.slice(0, data.length).subscribe(cancelling);
      cancelling.subscription().request(10);
      assertThat(cancelling.pieceSizes).containsExactly(PIECE);
      assertThat(cancelling.completions).isZero();
      assertThat(cancelling.error).isNull();

      Recorder bad = new Recorder((r, s) -> {});
      content.slice(0, data.length).subscribe(bad);
      bad.subscription().request(0);
      assertThat(bad.error).isInstanceOf(IllegalArgumentException.class);
      bad.subscription().request(1);
      assertThat(bad.pieceSizes).isEmpty();
      assertThat(content.readFailure()).isNull();
    }
  }

  @Test
  void resentAndSkippedRanges_hashEveryByteOnceInOrder() throws IOException {
    byte[] data = bytes(5 * PIECE + 77);
    try (FileContent content = new FileContent(file(data), false)) {
      // The first fragment is sent twice (a retry), then the upload resumes past bytes the server
      // already had: those are read only to hash them.
      for (int attempt = 0; attempt < 2; attempt++) {
        Recorder recorder = new Recorder((r, s) -> {});
        content.slice(0, PIECE + 3).subscribe(recorder);
        recorder.subscription().request(Long.MAX_VALUE);
        assertThat(recorder.completions).isEqualTo(1);
      }
      Recorder rest = new Recorder((r, s) -> {});
      content.slice(3L * PIECE, 2 * PIECE + 77).subscribe(rest);
      rest.subscription().request(Long.MAX_VALUE);
      assertThat(rest.received.toByteArray())
          .isEqualTo(Arrays.copyOfRange(data, 3 * PIECE, data.length));

      assertThat(content.fullHash()).isEqualTo(QuickXorHash.of(data));
    }
  }
}
