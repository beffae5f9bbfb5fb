/** Tests of the command line against the testkit's fake. */
@NullMarked
package io.github.docuelevate.onedrive.cli;

import org.jspecify.annotations.NullMarked;
