package io.github.docuelevate.onedrive.drive;

/** What the first poll of a new watch delivers. */
public enum WatchStart {
  /** Every file already in the folder, then new and changed ones. */
  EVERYTHING_PRESENT,
  /** Only files added or changed after the first poll. */
  ONLY_NEW
}
