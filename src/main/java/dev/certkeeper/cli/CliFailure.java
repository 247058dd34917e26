package dev.certkeeper.cli;

/** A failure the user can act on: printed as "error: message", exit code 1, without a stack trace. */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliFailure(String message) {
    super(message);
  }
}
