package io.github.docuelevate.onedrive.testkit;

import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that runs a {@link FakeMicrosoft} for tests.
 *
 * <ul>
 *   <li>On a {@code static} field with {@code @RegisterExtension} (or via {@code @ExtendWith}, or
 *       {@link OneDriveFakeTest} on the class): one fake per test class, {@linkplain
 *       FakeMicrosoft#reset() reset} before every test.
 *   <li>On an instance field with {@code @RegisterExtension}: a fresh fake per test.
 * </ul>
 *
 * Test and lifecycle methods can declare parameters of type {@link FakeMicrosoft}, {@link
 * FakeClientSetup}, {@link FakeIdentity}, {@link FakeDrives}, {@link Faults} and {@link
 * RequestJournal}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final OneDriveFakeExtension FAKE = OneDriveFakeExtension.with(b -> b.clock(clock));
 *
 * @Test
 * void uploads(FakeClientSetup setup, FakeDrives drives) { ... }
 * }</pre>
 */
public final class OneDriveFakeExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final Consumer<FakeMicrosoft.Builder> configuration;
  private volatile @Nullable FakeMicrosoft fake;
  private volatile boolean perClass;

  /** How many {@code @Nested} classes inside the class that started the fake are running. */
  private int nestedClasses;

  /** Creates the extension with a default fake (free port, HTTP, system clock, default seed). */
  public OneDriveFakeExtension() {
    this(builder -> {});
  }

  private OneDriveFakeExtension(Consumer<FakeMicrosoft.Builder> configuration) {
    this.configuration = Objects.requireNonNull(configuration, "configuration");
  }

  /**
   * Creates the extension with a configured fake.
   *
   * @param configuration adjusts the builder (clock, HTTPS, seed data, ...)
   * @return the extension
   */
  public static OneDriveFakeExtension with(Consumer<FakeMicrosoft.Builder> configuration) {
    return new OneDriveFakeExtension(configuration);
  }

  /**
   * Returns the running fake.
   *
   * @return the fake
   * @throws IllegalStateException outside a test's lifecycle
   */
  public FakeMicrosoft fake() {
    FakeMicrosoft current = fake;
    if (current == null) {
      throw new IllegalStateException("the fake runs only while a test runs");
    }
    return current;
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    if (perClass && fake != null) {
      nestedClasses++; // a @Nested class shares the enclosing class's fake
      return;
    }
    perClass = true;
    fake = start(context);
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (nestedClasses > 0) {
      nestedClasses--;
      return;
    }
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    FakeMicrosoft current = fake;
    if (current == null) {
      perClass = false;
      fake = start(context);
    } else {
      current.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  /** Starts a fake: the class's {@link OneDriveFakeTest} options first, then the configuration. */
  private FakeMicrosoft start(ExtensionContext context) {
    FakeMicrosoft.Builder builder = FakeMicrosoft.builder();
    context
        .getTestClass()
        .flatMap(type -> AnnotationSupport.findAnnotation(type, OneDriveFakeTest.class))
        .ifPresent(
            options -> {
              builder.port(options.port()).https(options.https());
              if (!options.defaults()) {
                builder.withoutDefaults();
              }
            });
    configuration.accept(builder);
    return builder.start();
  }

  private void stop() {
    FakeMicrosoft current = fake;
    fake = null;
    if (current != null) {
      current.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == FakeMicrosoft.class
        || type == FakeClientSetup.class
        || type == FakeIdentity.class
        || type == FakeDrives.class
        || type == Faults.class
        || type == RequestJournal.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    FakeMicrosoft current = fake;
    if (current == null) {
      throw new ParameterResolutionException("the fake is not running");
    }
    Class<?> type = parameter.getParameter().getType();
    if (type == FakeClientSetup.class) {
      return current.clientSetup();
    } else if (type == FakeIdentity.class) {
      return current.identity();
    } else if (type == FakeDrives.class) {
      return current.drives();
    } else if (type == Faults.class) {
      return current.faults();
    } else if (type == RequestJournal.class) {
      return current.journal();
    }
    return current;
  }
}
