package io.github.docuelevate.onedrive.it;

import io.github.docuelevate.onedrive.Secret;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;

/**
 * Collects, for the whole suite, every secret value the fake handed out or was handed (tokens,
 * codes, client secrets), everything written to {@code System.out}/{@code System.err} (where
 * slf4j-simple logs), and the full text of every exception the tests provoke. {@link
 * SecretLeakScanTest} checks at the end that no secret appears in the output or the exceptions.
 */
final class LeakWatch {
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
  private static final List<String> EXCEPTIONS = new ArrayList<>();
  private static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();
  private static boolean installed;

  private LeakWatch() {}

  /** Starts copying the process's standard output and error; idempotent. */
  static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    System.setOut(tee(System.out));
    System.setErr(tee(System.err));
  }

  private static PrintStream tee(PrintStream original) {
    OutputStream both =
        new OutputStream() {
          @Override
          public void write(int b) {
            original.write(b);
            synchronized (OUTPUT) {
              OUTPUT.write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) {
            original.write(b, off, len);
            synchronized (OUTPUT) {
              OUTPUT.write(b, off, len);
            }
          }

          @Override
          public void flush() {
            original.flush();
          }
        };
    return new PrintStream(both, true, StandardCharsets.UTF_8);
  }

  /** Remembers a secret value to look for. */
  static void secret(@Nullable String value) {
    if (value != null && value.length() >= 8) {
      SECRETS.add(value);
    }
  }

  /** Remembers a secret value to look for. */
  static void secret(@Nullable Secret value) {
    if (value != null) {
      secret(value.reveal());
    }
  }

  /**
   * Runs code expected to throw, records the exception's full text (messages and causes, as a log
   * would print it) and returns the exception for assertions.
   *
   * @param code the code
   * @return what it threw
   * @throws AssertionError if it threw nothing
   */
  static Throwable thrown(ThrowingCallable code) {
    try {
      code.call();
    } catch (Throwable t) {
      record(t);
      return t;
    }
    throw new AssertionError("expected an exception, none was thrown");
  }

  /** Records an exception's full text. */
  static void record(Throwable t) {
    StringWriter text = new StringWriter();
    t.printStackTrace(new PrintWriter(text));
    synchronized (EXCEPTIONS) {
      EXCEPTIONS.add(text.toString() + '\n' + t);
    }
  }

  static Set<String> secrets() {
    return Set.copyOf(SECRETS);
  }

  static List<String> exceptions() {
    synchronized (EXCEPTIONS) {
      return List.copyOf(EXCEPTIONS);
    }
  }

  static String output() {
    System.out.flush();
    System.err.flush();
    synchronized (OUTPUT) {
      return OUTPUT.toString(StandardCharsets.UTF_8);
    }
  }
}
