package io.github.docuelevate.onedrive.benchmarks;

import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@code QuickXorHash} over 1 MiB buffers: the library's word-wise implementation
 * ({@code words}) against the byte-wise one it replaced ({@code baseline}, {@link
 * BaselineQuickXorHash}). One operation hashes {@value #BUFFER} bytes, fed as updates of {@code
 * update} bytes (64 KiB like an upload's read buffer, or 100 bytes for many small updates).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class QuickXorHashBenchmark {
  static final int BUFFER = 1024 * 1024;

  /** {@code words} (the library's) or {@code baseline} (the byte-wise copy). */
  @Param({"words", "baseline"})
  public String variant = "words";

  /** Bytes per update call. */
  @Param({"65536"})
  public int update = 65536;

  private final byte[] data = new byte[BUFFER];

  /** Fills the buffer with random bytes. */
  @Setup
  public void fill() {
    new SplittableRandom(1).nextBytes(data);
  }

  /** Hashes the buffer once and returns the digest. */
  @Benchmark
  public byte[] hash() {
    if (variant.equals("words")) {
      QuickXorHash hash = new QuickXorHash();
      for (int offset = 0; offset < BUFFER; offset += update) {
        hash.update(data, offset, Math.min(update, BUFFER - offset));
      }
      return hash.digest();
    }
    BaselineQuickXorHash hash = new BaselineQuickXorHash();
    for (int offset = 0; offset < BUFFER; offset += update) {
      hash.update(data, offset, Math.min(update, BUFFER - offset));
    }
    return hash.digest();
  }
}
