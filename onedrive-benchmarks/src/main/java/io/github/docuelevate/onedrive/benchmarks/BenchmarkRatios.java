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
 * Runs {@link TokenStoreBenchmark} and prints, for each store and operation, the throughput of the
 * encrypted store, of its plaintext baseline, and their ratio (1.00 means encryption costs nothing;
 * 0.80 means the encrypted store does 80% of the baseline's operations per second).
 *
 * <p>Arguments (all optional): warm-up seconds per iteration, measurement seconds per iteration,
 * and a store name ({@code file}, {@code h2}, {@code sqlite}) to run only that store.
 */
public final class BenchmarkRatios {
  private BenchmarkRatios() {}

  /**
   * Runs the benchmarks and prints the ratios.
   *
   * @param args optional: warm-up seconds, measurement seconds, store name
   * @throws RunnerException if JMH fails
   */
  public static void main(String[] args) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder().include(TokenStoreBenchmark.class.getName() + "\\.");
    if (args.length >= 2) {
      options
          .warmupTime(TimeValue.seconds(Long.parseLong(args[0])))
          .measurementTime(TimeValue.seconds(Long.parseLong(args[1])));
    }
    if (args.length >= 3) {
      options.param("store", args[2]);
    }
    Collection<RunResult> results = new Runner(options.build()).run();

    Map<String, double[]> byRow = new TreeMap<>();
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark();
      String op = method.substring(method.lastIndexOf('.') + 1);
      String row = r.getParams().getParam("store") + " " + op;
      int column = r.getParams().getParam("variant").equals("encrypted") ? 0 : 1;
      byRow.computeIfAbsent(row, k -> new double[2])[column] = r.getPrimaryResult().getScore();
    }
    System.out.println();
    System.out.println("Encrypted store vs plaintext baseline (same operations), ops/s:");
    System.out.printf(
        Locale.ROOT, "%-24s %14s %14s %8s%n", "store operation", "encrypted", "plaintext", "ratio");
    for (Map.Entry<String, double[]> e : byRow.entrySet()) {
      double[] v = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "%-24s %14.1f %14.1f %8.2f%n",
          e.getKey(),
          v[0],
          v[1],
          v[1] == 0 ? Double.NaN : v[0] / v[1]);
    }
  }
}
