package dev.certkeeper.acme.challenges;

import dev.certkeeper.acme.AcmeErrors;
import dev.certkeeper.api.acme.ChallengeStatus;
import java.time.Duration;
import java.time.Instant;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;

/**
 * When to ask the CA again about a Challenge after it could not be asked: a rate limit is waited
 * out to exactly its Retry-After, as Orders do; any other failure, or a rate limit already over,
 * backs off with the time the solver has been presented, as cert-manager retries a challenge it
 * could not accept.
 */
final class ChallengeRetries {
  private ChallengeRetries() {}

  /** How the note of a failed look at a Challenge the CA validates begins, after the reason it was asked with. */
  private static final String LOOK_FAILED = "; the last look at the CA failed, looking again: ";

  /**
   * The reason of a Challenge the CA validates, after a look at it failed: the reason it was asked
   * with (which may carry the self-check's last result, for the final message) stays, and the
   * failure follows it, replacing an earlier one.
   */
  static String lookFailed(String askedReason, String failure) {
    return asked(askedReason) + LOOK_FAILED + failure;
  }

  /** The reason a Challenge was asked with, without the note of a failed look. */
  static String asked(String reason) {
    int note = reason == null ? -1 : reason.indexOf(LOOK_FAILED);
    return note < 0 ? reason : reason.substring(0, note);
  }

  /** What the Challenge says, and when it looks again. */
  record Retry(String reason, Duration after) {}

  /** {@code status} is the Challenge as it stands, presented when it was, so the back-off grows from then. */
  static Retry after(AcmeException e, ChallengeStatus status, Instant now) {
    Duration backoff = Propagation.backoff(status, now);
    if (e instanceof AcmeRateLimitedException limited) {
      Instant until = AcmeErrors.rateLimitedUntil(limited, now);
      Duration wait = Duration.between(now, until);
      return new Retry(AcmeErrors.rateLimited(until, limited), wait.isNegative() || wait.isZero() ? backoff : wait);
    }
    return new Retry("the ACME server could not be asked: " + AcmeErrors.describe(e), backoff);
  }
}
