package io.github.docuelevate.onedrive.cli;

/** The exit codes of the {@code onedrive} command, so scripts can tell failures apart. */
final class ExitCode {
  /** Done. */
  static final int OK = 0;

  /** Any other failure (network, server, local files). */
  static final int FAILURE = 1;

  /** Wrong options or arguments, or an incomplete configuration. */
  static final int USAGE = 2;

  /** The account must sign in (again): run {@code onedrive login}. */
  static final int NEEDS_REAUTHORIZATION = 3;

  /** The file or folder does not exist. */
  static final int NOT_FOUND = 4;

  /** The name is already taken. */
  static final int CONFLICT = 5;

  /** Microsoft asked to wait longer than the command waits. */
  static final int THROTTLED = 6;

  /** Stopped by Ctrl-C or another interrupt; an upload resumes on the next run. */
  static final int INTERRUPTED = 130;

  private ExitCode() {}
}
