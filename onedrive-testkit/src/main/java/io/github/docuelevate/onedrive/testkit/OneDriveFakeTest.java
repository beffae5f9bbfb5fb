package io.github.docuelevate.onedrive.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a {@link FakeMicrosoft} for a JUnit 5 test class with one annotation, as WireMock's
 * {@code @WireMockTest} does: one fake for the class, {@linkplain FakeMicrosoft#reset() reset}
 * before every test, and parameters of type {@link FakeMicrosoft}, {@link FakeClientSetup}, {@link
 * FakeIdentity}, {@link FakeDrives}, {@link Faults} and {@link RequestJournal} injected.
 *
 * <pre>{@code
 * @OneDriveFakeTest(https = true)
 * class UploadTest {
 *   @Test
 *   void uploads(FakeMicrosoft fake, FakeDrives drives) { ... }
 * }
 * }</pre>
 *
 * For a clock, seed data or other builder options register {@link OneDriveFakeExtension} with
 * {@link OneDriveFakeExtension#with} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(OneDriveFakeExtension.class)
public @interface OneDriveFakeTest {
  /**
   * The port to listen on.
   *
   * @return 0 (the default) for a free port
   */
  int port() default 0;

  /**
   * Whether to serve HTTPS with a generated certificate ({@link FakeMicrosoft#trust()}).
   *
   * @return {@code false} by default
   */
  boolean https() default false;

  /**
   * Whether to seed the default apps and users.
   *
   * @return {@code true} by default
   */
  boolean defaults() default true;
}
