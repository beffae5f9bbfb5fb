package io.github.docuelevate.onedrive.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The JVM of the memory figure, started with a small heap: uploads a file once, through the library
 * or the SDK's {@code LargeFileUploadTask}, and prints the most heap that was still in use right
 * after a garbage collection during the upload (the live heap) and how many collections ran.
 * Started by {@link PerformanceFigures}, never by hand.
 */
public final class MemoryChild {
  private MemoryChild() {}

  /**
   * Runs one variant.
   *
   * @param args variant ({@code library} or {@code sdk}), fake base URL, file, tenant, user
   *     principal name, drive id, client id, client secret
   * @throws Exception if the upload fails
   */
  public static void main(String[] args) throws Exception {
    String variant = args[0];
    String base = args[1];
    Path file = Path.of(args[2]);
    String tenant = args[3];
    String user = args[4];
    String driveId = args[5];
    String clientId = args[6];
    String secret = args[7];
    AtomicLong liveAfterGc = new AtomicLong();
    AtomicLong collections = new AtomicLong();
    watchCollections(liveAfterGc, collections);
    if (variant.equals("library")) {
      OneDrive.builder(ColdStartChild.appOnly(base, tenant, user, clientId, secret).build())
          .tokenStore(TokenStore.inMemory())
          .transport(FakeMicrosoft.transportOptionsFor(URI.create(base)))
          .build()
          .systemIntegration()
          .uploads()
          .upload(UploadSource.of(file), "", "memory-library.bin", ColdStartChild.REPLACE);
    } else {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String token = ClientCredentialsToken.fetch(http, base, tenant, clientId, secret);
      new SdkGraph(base + "/v1.0", driveId, () -> token)
          .largeFileUpload(file, "memory-sdk.bin", PerformanceFigures.SDK_FRAGMENT);
    }
    System.out.println("liveAfterGc=" + liveAfterGc.get());
    System.out.println("collections=" + collections.get());
  }

  /** Keeps the largest heap use seen right after a collection, summed over the heap's pools. */
  private static void watchCollections(AtomicLong liveAfterGc, AtomicLong collections) {
    Set<String> heapPools = new HashSet<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                if (!notification
                    .getType()
                    .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                  return;
                }
                GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long used = 0;
                for (var entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                  if (heapPools.contains(entry.getKey())) {
                    MemoryUsage usage = entry.getValue();
                    used += usage.getUsed();
                  }
                }
                collections.incrementAndGet();
                liveAfterGc.accumulateAndGet(used, Math::max);
              },
              null,
              null);
    }
  }
}
