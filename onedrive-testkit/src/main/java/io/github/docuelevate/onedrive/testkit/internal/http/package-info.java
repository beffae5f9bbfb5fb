/** The fake servers' HTTP layer: server, exchange wrapper, routing. Not public API. */
@NullMarked
package io.github.docuelevate.onedrive.testkit.internal.http;

import org.jspecify.annotations.NullMarked;
