package io.github.docuelevate.onedrive.drive;

/**
 * What one successful poll of a {@link FolderWatch} did.
 *
 * @param delivered files handed to the handler
 * @param moved of those, moved to the processed folder
 * @param deleted of those, deleted
 * @param resynced whether Graph required a full resynchronisation (already delivered files were not
 *     delivered again)
 */
public record WatchResult(int delivered, int moved, int deleted, boolean resynced) {}
