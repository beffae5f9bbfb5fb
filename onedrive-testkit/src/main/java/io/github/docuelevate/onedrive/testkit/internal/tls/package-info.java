/** Self-signed certificates and trust material for the fake's HTTPS mode. Not public API. */
@NullMarked
package io.github.docuelevate.onedrive.testkit.internal.tls;

import org.jspecify.annotations.NullMarked;
