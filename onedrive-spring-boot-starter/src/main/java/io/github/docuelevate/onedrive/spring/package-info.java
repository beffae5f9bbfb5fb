/**
 * Spring Boot auto-configuration for OneDrive for Java: {@link
 * io.github.docuelevate.onedrive.spring.OneDriveProperties} bound from {@code onedrive.*} (so the
 * {@code ONEDRIVE_*} environment variables bind as they are), a {@link
 * io.github.docuelevate.onedrive.OneDrive} bean on a JDBC or file token store, scheduled keep-alive
 * and watch-folder polling, a health indicator and Micrometer meters. Works on Spring Boot 3.5 and
 * 4.0; every bean gives way to one the application defines.
 */
@NullMarked
package io.github.docuelevate.onedrive.spring;

import org.jspecify.annotations.NullMarked;
