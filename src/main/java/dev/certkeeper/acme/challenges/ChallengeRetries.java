package dev.certkeeper.acme.challenges;

import dev.certkeeper.acme.AcmeErrors;
import dev.certkeeper.api.acme.ChallengeStatus;
import java.time.Duration;
import java.time.Instant;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;

/**
 * When to ask the CA again about a Challenge after it could not be asked: a rate limit is waited
 * out to its Retry-After, as Orders do; any other failure backs off with the time the solver has
 * been presented, as cert-manager retries a challenge it could not accept.
 */
final class ChallengeRetries {
  private ChallengeRetries() {}

  /** What the Challenge says, and when it looks again. */
  record Retry(String reason, Duration after) {}

  /** {@code status} is the Challenge as it stands, presented when it was, so the back-off grows from then. */
  static Retry after(AcmeException e, ChallengeStatus status, Instant now) {
    Duration backoff = Propagation.backoff(status, now);
    if (e instanceof AcmeRateLimitedException limited) {
      Instant until = AcmeErrors.rateLimitedUntil(limited, now);
      Duration wait = Duration.between(now, until);
      return new Retry(AcmeErrors.rateLimited(until, limited), wait.compareTo(backoff) > 0 ? wait : backoff);
    }
    return new Retry("the ACME server could not be asked: " + AcmeErrors.describe(e), backoff);
  }
}
