package io.github.docuelevate.onedrive.spi;

import java.util.concurrent.ConcurrentMap;
import java.util.function.ToLongFunction;

/** The compare-and-set rules the stores of this package share. */
final class Versions {
  private Versions() {}

  /** Checks that {@code newVersion} is {@code expectedVersion + 1}. */
  static void check(long expectedVersion, long newVersion) {
    if (expectedVersion < TokenStore.ABSENT || newVersion != expectedVersion + 1) {
      throw new IllegalArgumentException(
          "newValue.version() must be expectedVersion + 1; expected "
              + expectedVersion
              + ", new "
              + newVersion);
    }
  }

  /** An atomic compare-and-set on a map of values that carry their version. */
  static <K, V> boolean compareAndSet(
      ConcurrentMap<K, V> values,
      K key,
      long expectedVersion,
      V newValue,
      ToLongFunction<V> version) {
    if (expectedVersion == TokenStore.ABSENT) {
      return values.putIfAbsent(key, newValue) == null;
    }
    boolean[] written = {false};
    values.computeIfPresent(
        key,
        (k, current) -> {
          if (version.applyAsLong(current) == expectedVersion) {
            written[0] = true;
            return newValue;
          }
          return current;
        });
    return written[0];
  }
}
