/**
 * An example host application embedding the library: the admin's setup wizard, a per-user
 * integrations dashboard, a folder picker, uploads and watch folders, on the public API only.
 */
@NullMarked
package io.github.docuelevate.onedrive.examples;

import org.jspecify.annotations.NullMarked;
