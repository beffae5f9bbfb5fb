/**
 * Benchmarks against baselines that live only here: {@link
 * io.github.docuelevate.onedrive.benchmarks.PerformanceFigures} measures the library's transfer,
 * listing, token and cold-start figures against a raw {@code java.net.http} loop and the Graph SDK,
 * and the hash against the byte-wise one it replaced; {@link
 * io.github.docuelevate.onedrive.benchmarks.BenchmarkRatios} runs the JMH benchmarks of the
 * encrypted token stores against plaintext baselines that perform the same database and file
 * operations.
 */
@NullMarked
package io.github.docuelevate.onedrive.benchmarks;

import org.jspecify.annotations.NullMarked;
