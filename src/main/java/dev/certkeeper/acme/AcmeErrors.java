package dev.certkeeper.acme;

import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeServerException;

/** Turns acme4j's exceptions into one line for a condition: the CA's own words where it answered. */
public final class AcmeErrors {
  private AcmeErrors() {}

  /** The CA's problem type and detail, or the network error and its cause. */
  public static String describe(Exception e) {
    if (e instanceof AcmeServerException server) {
      Problem problem = server.getProblem();
      String type = problem.getType().toString().replace("urn:ietf:params:acme:error:", "");
      String detail = problem.getDetail().orElse(problem.getTitle().orElse(""));
      return detail.isEmpty() ? type : type + ": " + detail;
    }
    if (e instanceof AcmeNetworkException && e.getCause() != null) {
      Throwable cause = e.getCause();
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      return "cannot reach the ACME server: " + message;
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
