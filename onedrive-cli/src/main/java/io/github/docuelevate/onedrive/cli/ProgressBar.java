package io.github.docuelevate.onedrive.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on a terminal: bytes done, rate and time left, redrawn in place at most
 * ten times a second. Off a terminal (or with {@code --quiet} or {@code --json}) it draws nothing.
 */
final class ProgressBar {
  private static final int WIDTH = 28;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream err;
  private final Consumer<String> lines;
  private final boolean enabled;
  private final String label;
  private final long total;
  private final LongSupplier nanoTime;
  private final long started;
  private long lastDrawn = Long.MIN_VALUE;
  private long done;
  private boolean drawn;

  ProgressBar(
      PrintStream err,
      Consumer<String> lines,
      boolean enabled,
      String label,
      long total,
      LongSupplier nanoTime) {
    this.err = err;
    this.lines = lines;
    this.enabled = enabled;
    this.label = label;
    this.total = total;
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
  }

  /** Records progress and redraws when due. */
  synchronized void update(long bytesDone) {
    done = bytesDone;
    long now = nanoTime.getAsLong();
    if (enabled && (now - lastDrawn >= REDRAW_NANOS || bytesDone >= total)) {
      lastDrawn = now;
      draw(now);
    }
  }

  /** Prints a message line above the bar, which is drawn again below it. */
  synchronized void note(String line) {
    if (enabled && drawn) {
      err.print("\r\033[2K");
      err.flush();
    }
    lines.accept(line);
    if (enabled && drawn) {
      draw(nanoTime.getAsLong());
    }
  }

  /** Draws the final state and ends the line. */
  synchronized void finish() {
    if (enabled) {
      draw(nanoTime.getAsLong());
      err.println();
      drawn = false;
    }
  }

  /** Returns the bytes per second so far. */
  synchronized double rate() {
    double seconds = (nanoTime.getAsLong() - started) / 1e9;
    return seconds <= 0 ? 0 : done / seconds;
  }

  private void draw(long now) {
    double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = (now - started) / 1e9;
    double rate = seconds <= 0 ? 0 : done / seconds;
    String eta =
        done >= total
            ? "done"
            : rate <= 0
                ? "ETA --"
                : "ETA " + Units.duration(Duration.ofMillis((long) ((total - done) / rate * 1000)));
    err.print(
        "\r\033[2K"
            + String.format(
                Locale.ROOT,
                "[%s%s] %3d%% %s / %s  %s  %s  %s",
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                Math.round(fraction * 100),
                Units.bytes(done),
                Units.bytes(total),
                Units.rate(rate),
                eta,
                label));
    err.flush();
    drawn = true;
  }
}
