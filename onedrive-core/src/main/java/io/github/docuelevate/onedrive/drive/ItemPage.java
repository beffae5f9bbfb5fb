package io.github.docuelevate.onedrive.drive;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of a folder listing.
 *
 * @param items the items of this page, in the listing's order
 * @param continuation an opaque token for {@link Folders#nextPage(String)}, or {@code null} when
 *     this is the last page; it holds no secret and may be kept by a user interface between
 *     requests
 */
public record ItemPage(List<DriveItem> items, @Nullable String continuation) {
  /** Copies the items. */
  public ItemPage {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  /** Returns whether another page follows. */
  public boolean hasMore() {
    return continuation != null;
  }
}
