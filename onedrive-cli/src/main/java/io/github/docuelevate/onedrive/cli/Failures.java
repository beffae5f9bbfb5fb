package io.github.docuelevate.onedrive.cli;

import io.github.docuelevate.onedrive.AccessDeniedException;
import io.github.docuelevate.onedrive.AuthorizationException;
import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.ConflictException;
import io.github.docuelevate.onedrive.DownloadInProgressException;
import io.github.docuelevate.onedrive.IntegrationNotFoundException;
import io.github.docuelevate.onedrive.InvalidDrivePathException;
import io.github.docuelevate.onedrive.InvalidStateException;
import io.github.docuelevate.onedrive.NotFoundException;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.OperationInterruptedException;
import io.github.docuelevate.onedrive.QuotaExceededException;
import io.github.docuelevate.onedrive.ReauthorizationRequiredException;
import io.github.docuelevate.onedrive.ThrottledException;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.UploadSessionLostException;
import io.github.docuelevate.onedrive.spi.TokenStoreException;
import io.github.docuelevate.onedrive.store.crypto.WrongKeysetException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Turns what a command threw into an exit code and a message that says what to do next. Works on
 * the library's public exception types only, most specific first.
 */
final class Failures {
  private Failures() {}

  /** Returns the failure as the command line reports it. */
  static CliFailure describe(Throwable failure) {
    if (failure instanceof CliFailure known) {
      return known;
    }
    String message = messageOf(failure);
    if (failure instanceof ConfigurationException configuration) {
      return new CliFailure(
          ExitCode.USAGE,
          "configuration: " + String.join("; ", configuration.problems()),
          "set the ONEDRIVE_* variables, write them to config.properties in the configuration"
              + " directory (`onedrive status` shows where), or try `onedrive demo` without an"
              + " account",
          failure);
    }
    if (failure instanceof ReauthorizationRequiredException
        || failure instanceof IntegrationNotFoundException) {
      return new CliFailure(
          ExitCode.NEEDS_REAUTHORIZATION,
          "the account needs to sign in: " + message,
          "run `onedrive login` (or `onedrive login --device-code` without a browser)",
          failure);
    }
    if (failure instanceof OperationInterruptedException) {
      return new CliFailure(
          ExitCode.INTERRUPTED,
          "interrupted: " + message,
          "run the command again; an upload or download resumes where it stopped",
          failure);
    }
    if (failure instanceof InvalidStateException) {
      return new CliFailure(
          ExitCode.NEEDS_REAUTHORIZATION,
          "the sign-in was not accepted: " + message,
          "run `onedrive login` again and finish it within 10 minutes",
          failure);
    }
    if (failure instanceof ThrottledException throttled) {
      Duration wait = throttled.retryAfter();
      return new CliFailure(
          ExitCode.THROTTLED,
          "Microsoft asked to slow down: " + message,
          wait == null
              ? "wait a few minutes and run the command again (uploads resume)"
              : "wait " + Units.duration(wait) + " and run the command again (uploads resume)",
          failure);
    }
    if (failure instanceof InvalidDrivePathException
        || failure instanceof IllegalArgumentException) {
      return new CliFailure(
          ExitCode.USAGE, message, "check the arguments; `onedrive help` lists them", failure);
    }
    if (failure instanceof NotFoundException) {
      return new CliFailure(
          ExitCode.NOT_FOUND,
          "not found: " + message,
          "check the path with `onedrive ls` (paths start at the drive's root)",
          failure);
    }
    if (failure instanceof ConflictException) {
      return new CliFailure(
          ExitCode.CONFLICT,
          "the name is taken: " + message,
          "choose another name, or upload with --conflict replace or --conflict rename",
          failure);
    }
    if (failure instanceof AccessDeniedException) {
      return new CliFailure(
          ExitCode.FAILURE,
          "access denied: " + message,
          "check that the signed-in account may use this file or folder (`onedrive whoami`)",
          failure);
    }
    if (failure instanceof UploadSessionLostException) {
      return new CliFailure(
          ExitCode.FAILURE,
          "the upload session was lost: " + message,
          "run the upload again; it starts over with a new session",
          failure);
    }
    if (failure instanceof DownloadInProgressException) {
      return new CliFailure(
          ExitCode.FAILURE,
          message,
          "wait for the other download (another `onedrive download` or an application) to finish,"
              + " then run the command again; it resumes from what was kept",
          failure);
    }
    if (failure instanceof QuotaExceededException) {
      return new CliFailure(
          ExitCode.FAILURE, "the drive is full: " + message, "free space in OneDrive", failure);
    }
    if (failure instanceof TransientNetworkException) {
      return new CliFailure(
          ExitCode.FAILURE,
          "Microsoft could not be reached: " + message,
          "check the network and run the command again (uploads and downloads resume where they"
              + " stopped)",
          failure);
    }
    if (failure instanceof AuthorizationException refused
        && "access_denied".equals(refused.error())) {
      return new CliFailure(
          ExitCode.NEEDS_REAUTHORIZATION,
          "the sign-in was declined: " + message,
          "run `onedrive login` again and accept the permissions the app asks for",
          failure);
    }
    if (failure instanceof AuthorizationException) {
      return new CliFailure(
          ExitCode.FAILURE,
          "Microsoft refused the app: " + message,
          "check ONEDRIVE_CLIENT_ID, ONEDRIVE_CLIENT_SECRET and ONEDRIVE_TENANT_ID",
          failure);
    }
    if (failure instanceof WrongKeysetException) {
      return new CliFailure(
          ExitCode.FAILURE,
          "the keyset does not open the stored credentials: " + message,
          "use the keyset the credentials were stored with (--keyset), or `onedrive login` again",
          failure);
    }
    if (failure instanceof TokenStoreException) {
      return new CliFailure(
          ExitCode.FAILURE,
          "the credential store failed: " + message,
          "check that the configuration directory is writable",
          failure);
    }
    if (failure instanceof UncheckedIOException) {
      return new CliFailure(
          ExitCode.FAILURE,
          "a local file could not be read or written: " + message,
          "check the path and its permissions",
          failure);
    }
    if (failure instanceof OneDriveException) {
      return new CliFailure(
          ExitCode.FAILURE, message, "run the command again with --verbose for details", failure);
    }
    return new CliFailure(
        ExitCode.FAILURE,
        "unexpected failure: " + message,
        "run the command again with --verbose for details",
        failure);
  }

  private static String messageOf(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }
}
