package dev.certkeeper.cli;

/** The exit codes of the user commands, for their help text: scripts can rely on them. */
final class ExitCodes {
  static final String HEADING = "%nExit codes:%n";
  static final String OK = "0:Success.";
  static final String ERROR = "1:Error: an object was not found, the API server refused or did not answer, or the command found a problem.";
  static final String USAGE = "2:Usage error: unknown or missing arguments.";

  private ExitCodes() {}
}
