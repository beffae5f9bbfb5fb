package io.github.docuelevate.onedrive.benchmarks;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link TransferBenchmark} and prints the time of a 64 MiB upload through the library, of the
 * plain baseline {@code PUT}, and their ratio (1.00 means the library adds nothing to moving the
 * bytes; 1.25 means it takes 25% longer).
 *
 * <p>Arguments (optional): warm-up seconds and measurement seconds per iteration.
 */
public final class TransferRatios {
  private TransferRatios() {}

  /**
   * Runs the benchmark and prints the ratio.
   *
   * @param args optional: warm-up seconds, measurement seconds
   * @throws RunnerException if JMH fails
   */
  public static void main(String[] args) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder().include(TransferBenchmark.class.getName() + "\\.");
    if (args.length >= 2) {
      options
          .warmupTime(TimeValue.seconds(Long.parseLong(args[0])))
          .measurementTime(TimeValue.seconds(Long.parseLong(args[1])));
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    double library = Double.NaN;
    double baseline = Double.NaN;
    for (RunResult r : results) {
      double score = r.getPrimaryResult().getScore();
      if (r.getParams().getParam("variant").equals("library")) {
        library = score;
      } else {
        baseline = score;
      }
    }
    System.out.println();
    System.out.println("64 MiB upload to the fake on loopback, ms per upload:");
    System.out.printf(
        Locale.ROOT,
        "%14s %14s %8s%n%14.1f %14.1f %8.2f%n",
        "library",
        "plain PUT",
        "ratio",
        library,
        baseline,
        library / baseline);
  }
}
