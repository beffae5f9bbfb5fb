/** An application module using the library on the module path; not published. */
@NullMarked
package io.github.docuelevate.onedrive.modulepath;

import org.jspecify.annotations.NullMarked;
