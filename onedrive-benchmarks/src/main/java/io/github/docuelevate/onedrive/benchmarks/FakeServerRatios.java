package io.github.docuelevate.onedrive.benchmarks;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link FakeServerBenchmark} and prints, per request shape, the time on the testkit's server,
 * on a default JDK server, and their ratio (0.20 means the fake answers in a fifth of the time).
 *
 * <p>Arguments (optional): warm-up seconds and measurement seconds per iteration.
 */
public final class FakeServerRatios {
  private FakeServerRatios() {}

  /**
   * Runs the benchmark and prints the ratios.
   *
   * @param args optional: warm-up seconds, measurement seconds
   * @throws RunnerException if JMH fails
   */
  public static void main(String[] args) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder().include(FakeServerBenchmark.class.getName() + "\\.");
    if (args.length >= 2) {
      options
          .warmupTime(TimeValue.seconds(Long.parseLong(args[0])))
          .measurementTime(TimeValue.seconds(Long.parseLong(args[1])));
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    Map<String, double[]> byShape = new TreeMap<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      String shape = label.substring(label.lastIndexOf('.') + 1);
      double[] scores = byShape.computeIfAbsent(shape, k -> new double[] {Double.NaN, Double.NaN});
      scores[r.getParams().getParam("server").equals("fake") ? 0 : 1] =
          r.getPrimaryResult().getScore();
    }
    System.out.println();
    System.out.println("Round trips on loopback, microseconds per request:");
    System.out.printf(Locale.ROOT, "%-12s %12s %12s %8s%n", "request", "fake", "jdk", "ratio");
    byShape.forEach(
        (shape, s) ->
            System.out.printf(
                Locale.ROOT, "%-12s %12.1f %12.1f %8.2f%n", shape, s[0], s[1], s[0] / s[1]));
  }
}
