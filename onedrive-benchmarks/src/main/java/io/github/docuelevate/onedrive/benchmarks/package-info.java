/**
 * JMH benchmarks of the encrypted token stores against plaintext baselines that perform the same
 * database and file operations; {@link io.github.docuelevate.onedrive.benchmarks.BenchmarkRatios}
 * runs them and prints the ratios.
 */
@NullMarked
package io.github.docuelevate.onedrive.benchmarks;

import org.jspecify.annotations.NullMarked;
