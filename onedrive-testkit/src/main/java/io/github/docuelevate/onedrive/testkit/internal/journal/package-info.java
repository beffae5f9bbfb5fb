/** The request journal: recording and masking of requests. Not public API. */
@NullMarked
package io.github.docuelevate.onedrive.testkit.internal.journal;

import org.jspecify.annotations.NullMarked;
