/**
 * The {@code onedrive} command line: {@code onedrive demo} runs the library against the testkit's
 * fake in-process, the other commands use a real OneDrive (or, with {@code --endpoint}, a
 * standalone fake). An application, not a library: nothing here is API.
 */
@NullMarked
package io.github.docuelevate.onedrive.cli;

import org.jspecify.annotations.NullMarked;
