package io.github.docuelevate.onedrive.it.drive;

import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.internal.identity.RedirectingMsalHttpClient;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one large upload in a JVM of its own, started by {@link LargeUploadMemoryTest} with a small
 * heap: {@code <fake base URL> <file> path|stream <file name>}. Exits 0 on success.
 */
final class LargeUploadChild {
  private LargeUploadChild() {}

  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    Path file = Path.of(args[1]);
    boolean stream = args[2].equals("stream");
    String name = args[3];
    OneDrive oneDrive =
        OneDrive.builder(DriveFixture.config(baseUrl))
            .tokenStore(TokenStore.inMemory())
            .transport(
                TransportOptions.builder()
                    .identityHttpClient(new RedirectingMsalHttpClient(URI.create(baseUrl), null))
                    .build())
            .build();
    DriveItem item;
    if (stream) {
      try (InputStream in = Files.newInputStream(file)) {
        item =
            oneDrive
                .systemIntegration()
                .uploads()
                .upload(UploadSource.of(in, Files.size(file)), "Large", name);
      }
    } else {
      item = oneDrive.systemIntegration().uploads().upload(UploadSource.of(file), "Large", name);
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println(
        "uploaded "
            + item.size()
            + " bytes; max heap "
            + Runtime.getRuntime().maxMemory()
            + ", peak heap use "
            + peak);
    System.exit(0);
  }
}
