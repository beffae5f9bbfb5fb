/**
 * Drive operations of an integration: {@link io.github.docuelevate.onedrive.drive.Folders} for
 * browsing and creating folders, {@link io.github.docuelevate.onedrive.drive.Uploads}, {@link
 * io.github.docuelevate.onedrive.drive.Downloads} and {@link
 * io.github.docuelevate.onedrive.drive.FolderWatch} for using a OneDrive folder as a document
 * source, with the values they take and return. Paths are relative to the drive's root, names
 * joined by {@code /}; they are checked against OneDrive's naming rules before any request is sent.
 */
@NullMarked
package io.github.docuelevate.onedrive.drive;

import org.jspecify.annotations.NullMarked;
