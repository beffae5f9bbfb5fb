package io.github.docuelevate.onedrive.benchmarks;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import java.util.List;

/** The two operations measured, as a plaintext baseline performs them. */
interface BaselineStore {
  /** Reads a record: its version, parsed metadata and plain secrets. */
  List<Object> read(IntegrationKey key);

  /** Replaces a record if its version is {@code expectedVersion}. */
  boolean compareAndSet(long expectedVersion, StoredIntegration record);
}
