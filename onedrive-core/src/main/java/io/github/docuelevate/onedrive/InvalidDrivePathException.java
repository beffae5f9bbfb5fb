package io.github.docuelevate.onedrive;

import java.util.Objects;

/**
 * A file name, folder name or path that OneDrive would refuse, found before any request was sent.
 * The message names the offending part and the rule it breaks.
 */
public class InvalidDrivePathException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  private final String offendingPart;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and with which part
   * @param offendingPart the name or path that breaks the rule
   */
  public InvalidDrivePathException(String message, String offendingPart) {
    super(message);
    this.offendingPart = Objects.requireNonNull(offendingPart, "offendingPart");
  }

  /** Returns the name or path that breaks the rule. */
  public String offendingPart() {
    return offendingPart;
  }
}
