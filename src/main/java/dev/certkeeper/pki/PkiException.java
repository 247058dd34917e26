package dev.certkeeper.pki;

/** A key, request, certificate or keystore that cannot be used, with a message saying what to fix. */
public class PkiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PkiException(String message) {
    super(message);
  }

  PkiException(String message, Throwable cause) {
    super(cause.getMessage() == null ? message : message + ": " + cause.getMessage(), cause);
  }
}
