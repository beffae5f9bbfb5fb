package io.github.docuelevate.onedrive.testkit.internal.graph;

import io.github.docuelevate.onedrive.internal.path.OneDrivePathRules;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link FakeDrives} over the Graph fake's store. */
final class FakeDrivesView implements FakeDrives {
  private final GraphFake graph;
  private final DriveStore store;
  private final ContentFiles files;

  FakeDrivesView(GraphFake graph, DriveStore store, ContentFiles files) {
    this.graph = graph;
    this.store = store;
    this.files = files;
  }

  @Override
  public String userDrive(String userObjectId) {
    return graph.userDrive(userObjectId).id;
  }

  @Override
  public String siteDrive(String siteId) {
    return store.siteDrive(siteId).id;
  }

  @Override
  public List<Entry> tree(String driveId) {
    synchronized (store) {
      FakeDrive drive = drive(driveId);
      List<Entry> out = new ArrayList<>();
      collect(drive, drive.root, out);
      return out;
    }
  }

  private void collect(FakeDrive drive, FakeItem folder, List<Entry> out) {
    for (FakeItem child : folder.childList()) {
      out.add(entry(drive, child));
      if (child.folder) {
        collect(drive, child, out);
      }
    }
  }

  @Override
  public Optional<Entry> find(String driveId, String path) {
    synchronized (store) {
      FakeDrive drive = drive(driveId);
      FakeItem item = lookup(drive, path);
      return item == null ? Optional.empty() : Optional.of(entry(drive, item));
    }
  }

  @Override
  public Entry createFolders(String driveId, String path) {
    List<String> names = checkedNames(path);
    synchronized (store) {
      FakeDrive drive = drive(driveId);
      try {
        return entry(drive, store.ensureFolders(drive, drive.root, names));
      } catch (GraphError e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }

  @Override
  public Entry putFile(String driveId, String path, byte[] content) {
    return putFile(driveId, path, new java.io.ByteArrayInputStream(content));
  }

  @Override
  public Entry putFile(String driveId, String path, InputStream content) {
    List<String> names = checkedNames(path);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a file needs a name");
    }
    boolean sha1 = drive(driveId).reportsSha1();
    ContentFiles.Staged staged;
    try {
      staged = files.stage(content, Long.MAX_VALUE, sha1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the seeded file", e);
    }
    synchronized (store) {
      FakeDrive drive = drive(driveId);
      try {
        FakeItem parent =
            store.ensureFolders(drive, drive.root, names.subList(0, names.size() - 1));
        DriveStore.Outcome outcome =
            store.commitFile(
                drive,
                parent,
                names.get(names.size() - 1),
                Conflict.REPLACE,
                staged,
                null,
                null,
                null);
        return entry(drive, outcome.item());
      } catch (GraphError e) {
        files.discard(staged.file());
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }

  @Override
  public InputStream openFile(String driveId, String path) {
    graph.requireContentKept("openFile and readFile");
    Path content;
    synchronized (store) {
      FakeItem item = lookup(drive(driveId), path);
      if (item == null || item.folder || item.content == null) {
        throw new IllegalArgumentException("no file at " + path);
      }
      content = item.content;
    }
    try {
      return Files.newInputStream(content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + path, e);
    }
  }

  @Override
  public byte[] readFile(String driveId, String path) {
    try (InputStream in = openFile(driveId, path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  @Override
  public void delete(String driveId, String path) {
    synchronized (store) {
      FakeDrive drive = drive(driveId);
      FakeItem item = lookup(drive, path);
      if (item == null || item.isRoot()) {
        throw new IllegalArgumentException("nothing to delete at " + path);
      }
      store.delete(drive, item);
    }
  }

  @Override
  public void setQuota(String driveId, long totalBytes) {
    if (totalBytes < 0) {
      throw new IllegalArgumentException("quota must not be negative");
    }
    synchronized (store) {
      store.setQuota(drive(driveId), totalBytes);
    }
  }

  @Override
  public boolean expireUploadSession(String uploadUrl) {
    return graph.expireUploadSession(uploadUrl);
  }

  @Override
  public void damageNextUploads(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative");
    }
    graph.damageNextUploads(count);
  }

  @Override
  public void damageStoredFile(String driveId, String path) {
    graph.requireContentKept("damageStoredFile");
    synchronized (store) {
      FakeItem item = lookup(drive(driveId), path);
      if (item == null || item.folder || item.content == null) {
        throw new IllegalArgumentException("no file at " + path);
      }
      if (item.size == 0) {
        throw new IllegalArgumentException("an empty file has no byte to change: " + path);
      }
      try {
        ContentFiles.flipMiddleByte(item.content, item.size);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot change " + path, e);
      }
    }
  }

  @Override
  public int openUploadSessions() {
    return graph.openUploadSessions();
  }

  @Override
  public void invalidateDeltaTokens(String driveId) {
    synchronized (store) {
      store.invalidateDeltaTokens(drive(driveId));
    }
  }

  @Override
  public void setDeltaTokenLifetime(String driveId, Duration lifetime) {
    if (lifetime.isNegative()) {
      throw new IllegalArgumentException("lifetime must not be negative");
    }
    synchronized (store) {
      drive(driveId).deltaTokenLifetime = lifetime;
    }
  }

  private FakeDrive drive(String driveId) {
    FakeDrive drive = store.drive(driveId);
    if (drive == null) {
      throw new IllegalArgumentException("no drive with id " + driveId);
    }
    return drive;
  }

  private @Nullable FakeItem lookup(FakeDrive drive, String path) {
    List<String> names;
    try {
      names = OneDrivePathRules.split(path);
    } catch (IllegalArgumentException e) {
      return null;
    }
    try {
      return store.resolve(drive, drive.root, names);
    } catch (GraphError e) {
      return null;
    }
  }

  private static List<String> checkedNames(String path) {
    OneDrivePathRules.checkPath(path)
        .ifPresent(
            v -> {
              throw new IllegalArgumentException(v.message());
            });
    return OneDrivePathRules.split(path);
  }

  private Entry entry(FakeDrive drive, FakeItem item) {
    return new Entry(
        store.path(drive, item),
        item.id,
        item.folder,
        item.folder ? folderSize(item) : item.size,
        item.quickXorHash,
        item.sha1Hash,
        item.fsModified);
  }

  private static long folderSize(FakeItem folder) {
    long total = 0;
    for (FakeItem child : folder.childList()) {
      total += child.folder ? folderSize(child) : child.size;
    }
    return total;
  }
}
