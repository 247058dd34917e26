package dev.certkeeper.requests;

import java.time.Duration;
import java.util.Optional;

/**
 * What signing a CertificateRequest came to: signed (PEM chain and CA), pending (will be retried
 * after a wait, for example while the issuer is not ready), or failed for good.
 */
public sealed interface RequestOutcome {
  /** The request was signed. */
  record Signed(String certificatePem, String caPem) implements RequestOutcome {}

  /**
   * Not yet: the reason and message go on the Ready condition, and the request is retried.
   * {@code problem} says whether the wait is a problem worth a Warning (issuer not ready) or
   * the normal course of things (an ACME order in progress).
   */
  record Pending(String reason, String message, Duration retry, boolean problem) implements RequestOutcome {
    /** A wait that is a problem. */
    public Pending(String reason, String message, Duration retry) {
      this(reason, message, retry, true);
    }
  }

  /** Never: the request is marked Failed; {@code invalidRequest} also sets InvalidRequest=True. */
  record Failed(String reason, String message, boolean invalidRequest) implements RequestOutcome {}

  /** When to try again: only a pending request is retried. */
  default Optional<Duration> retryAfter() {
    return this instanceof Pending pending ? Optional.of(pending.retry()) : Optional.empty();
  }
}
