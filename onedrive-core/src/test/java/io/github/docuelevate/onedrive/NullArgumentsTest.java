package io.github.docuelevate.onedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.github.docuelevate.onedrive.drive.DownloadOptions;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.drive.ListOptions;
import io.github.docuelevate.onedrive.drive.UploadOptions;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Sweeps the public API: every public method and constructor called with {@code null} for its
 * object arguments (those not marked {@code @Nullable}) throws a {@link NullPointerException}
 * naming one of its parameters (or, for a builder's setter, the setting), before any request (the
 * identity transport is a tripwire).
 */
class NullArgumentsTest {
  private final TokenStore store = TokenStore.inMemory();
  private final OneDriveConfig config =
      OneDriveConfig.builder()
          .clientId("system-app")
          .clientSecret("system-secret")
          .tenant("contoso.onmicrosoft.com")
          .build();
  private final OneDrive oneDrive =
      OneDrive.builder(config)
          .tokenStore(store)
          .clock(Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC))
          .transport(
              TransportOptions.builder()
                  .identityHttpClient(
                      request -> {
                        throw new AssertionError("no request expected: " + request.url());
                      })
                  .build())
          .build();
  private final OneDriveIntegration integration =
      oneDrive.createIntegration(
          NewIntegration.builder(new IntegrationKey("ops", "archive"), AccountType.APP_ONLY)
              .driveTarget(new DriveTarget.Drive("b!x"))
              .build());

  /** The API objects whose public instance methods are swept. */
  private List<Object> instances() {
    return List.of(
        oneDrive,
        oneDrive.authorizationFlow(),
        integration,
        integration.folders(),
        integration.uploads(),
        integration.downloads(),
        store,
        OneDrive.builder(config),
        OneDriveConfig.builder(),
        TransportOptions.builder(),
        DriveOptions.builder(),
        UploadOptions.builder(),
        DownloadOptions.builder(),
        WatchOptions.builder("Inbox"),
        NewIntegration.builder(new IntegrationKey("ops", "x"), AccountType.APP_ONLY),
        StoredIntegration.builder(
            new IntegrationKey("ops", "y"), AccountType.APP_ONLY, "tenant", Instant.EPOCH));
  }

  /** The API types whose public static methods and constructors are swept. */
  private static final List<Class<?>> TYPES =
      List.of(
          OneDrive.class,
          OneDriveConfig.class,
          AuthorizationRequest.class,
          NewIntegration.class,
          DriveTarget.class,
          DriveTarget.User.class,
          DriveTarget.Drive.class,
          DriveTarget.Site.class,
          Secret.class,
          ClientCertificate.class,
          RetryPolicy.class,
          IntegrationKey.class,
          UploadSource.class,
          UploadOptions.class,
          DownloadOptions.class,
          io.github.docuelevate.onedrive.drive.Downloads.class,
          ListOptions.class,
          WatchOptions.class,
          StoredIntegration.class);

  @TestFactory
  Stream<DynamicTest> everyPublicMethod_namesTheNullArgument() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Object instance : instances()) {
      for (Method method : publicMethods(instance.getClass())) {
        if (!Modifier.isStatic(method.getModifiers()) && takesObjects(method)) {
          tests.add(test(instance.getClass(), method, instance));
        }
      }
    }
    for (Class<?> type : TYPES) {
      for (Method method : type.getMethods()) {
        if (Modifier.isStatic(method.getModifiers())
            && method.getDeclaringClass() == type
            && takesObjects(method)) {
          tests.add(test(type, method, null));
        }
      }
      for (Constructor<?> constructor : type.getConstructors()) {
        if (takesObjects(constructor)) {
          tests.add(test(type, constructor, null));
        }
      }
    }
    assertThat(tests).hasSizeGreaterThan(80);
    return tests.stream();
  }

  @Test
  @SuppressWarnings("NullAway") // Passing null is what this test is about.
  void theReportedCalls_nameTheirNullArgument() {
    assertThatNullPointerException()
        .isThrownBy(() -> integration.uploads().cancel(null))
        .withMessage("upload");
    assertThatNullPointerException()
        .isThrownBy(() -> integration.folders().list("Docs", null))
        .withMessage("options");
    assertThatNullPointerException().isThrownBy(() -> store.read(null)).withMessage("key");
  }

  private static List<Method> publicMethods(Class<?> type) {
    List<Method> methods = new ArrayList<>();
    for (Class<?> api : apiTypes(type)) {
      for (Method method : api.getMethods()) {
        if (method.getDeclaringClass() != Object.class
            && !(method.getName().equals("equals") && method.getParameterCount() == 1)) {
          methods.add(method);
        }
      }
    }
    return methods;
  }

  /** The public API types an object is used through: itself if public API, else its interfaces. */
  private static List<Class<?>> apiTypes(Class<?> type) {
    if (!type.getPackageName().contains(".internal")) {
      return List.of(type);
    }
    return Arrays.stream(type.getInterfaces())
        .filter(i -> !i.getPackageName().contains(".internal"))
        .toList();
  }

  /** Whether the executable has a parameter that must not be null. */
  private static boolean takesObjects(Executable executable) {
    return Arrays.stream(executable.getParameters()).anyMatch(NullArgumentsTest::required);
  }

  private static boolean required(Parameter parameter) {
    return !parameter.getType().isPrimitive()
        && !parameter.getAnnotatedType().isAnnotationPresent(Nullable.class)
        && !parameter.isAnnotationPresent(Nullable.class);
  }

  private static DynamicTest test(Class<?> type, Executable executable, @Nullable Object instance) {
    String name =
        type.getSimpleName()
            + "."
            + (executable instanceof Constructor<?> ? "<init>" : executable.getName())
            + Arrays.toString(
                Arrays.stream(executable.getParameters()).map(Parameter::getName).toArray());
    return DynamicTest.dynamicTest(
        name,
        () -> {
          Throwable thrown = call(executable, instance);
          // A builder's setter may name the setting it sets, which is the method's name.
          List<String> names =
              Stream.concat(
                      Arrays.stream(executable.getParameters())
                          .filter(NullArgumentsTest::required)
                          .map(Parameter::getName),
                      Stream.of(executable.getName()))
                  .toList();
          assertThat(thrown).as(name).isInstanceOf(NullPointerException.class);
          assertThat(thrown.getMessage())
              .as(name + " names its argument")
              .isNotNull()
              // The JVM's own "Cannot invoke ... because ... is null" is a dereference, not a
              // check.
              .doesNotStartWith("Cannot ")
              .satisfies(m -> assertThat(names).anyMatch(m::contains));
        });
  }

  private static Throwable call(Executable executable, @Nullable Object instance) throws Exception {
    Object[] args =
        Arrays.stream(executable.getParameterTypes()).map(NullArgumentsTest::nullOf).toArray();
    try {
      if (executable instanceof Method method) {
        method.setAccessible(true);
        method.invoke(instance, args);
      } else {
        ((Constructor<?>) executable).newInstance(args);
      }
    } catch (InvocationTargetException e) {
      return java.util.Objects.requireNonNull(e.getCause());
    }
    throw new AssertionError(executable + " accepted null arguments");
  }

  /** Returns null for an object type, and for a primitive one a valid value (1, true, 'a'). */
  private static @Nullable Object nullOf(Class<?> type) {
    if (!type.isPrimitive()) {
      return null;
    }
    if (type == boolean.class) {
      return true;
    }
    if (type == char.class) {
      return 'a';
    }
    Map<Class<?>, Object> ones =
        Map.of(
            int.class,
            1,
            long.class,
            1L,
            double.class,
            1.0,
            float.class,
            1f,
            short.class,
            (short) 1,
            byte.class,
            (byte) 1);
    return ones.get(type);
  }
}
