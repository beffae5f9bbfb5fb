package io.github.docuelevate.onedrive.drive;

import java.util.Locale;

/** What happens when an item of the same name already exists where a new one is written. */
public enum ConflictBehavior {
  /** Refuse: a {@link io.github.docuelevate.onedrive.ConflictException} is thrown. */
  FAIL,
  /** Replace the existing file's content (a new version of it). */
  REPLACE,
  /** Keep both: OneDrive gives the new item a free name such as {@code report 1.pdf}. */
  RENAME;

  /** Returns the value of Graph's {@code @microsoft.graph.conflictBehavior}. */
  public String graphValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
