package dev.certkeeper.certificates.policy;

import dev.certkeeper.kube.Conditions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a failed issuance may be tried again: cert-manager's doubling back-off, bounded by the
 * lifetime; an issuer's refusal for good waits at the ceiling from the first failure.
 */
public final class IssuanceBackoff {
  /** cert-manager's default {@code --certificate-request-minimum-backoff-duration}. */
  public static final Duration DEFAULT_BASE = Duration.ofHours(1);

  // 2^5 = 32: the maximum is 32 × base, cert-manager's 32h for its 1h default.
  private static final int MAX_DOUBLINGS = 5;
  // At most a tenth of the lifetime as well, so a short-lived certificate gets several retries
  // before it expires (a 6-day one waits at most 14.4h, where cert-manager would wait 32h).
  private static final int LIFETIME_FRACTION = 10;
  // The lifetime bound must not turn into a tight loop for a certificate that lives minutes (an
  // issuer may grant far less than asked), so the delay never drops below a minute; a smaller base
  // (a test setting) is still honoured.
  private static final Duration FLOOR = Duration.ofMinutes(1);

  private IssuanceBackoff() {}

  /**
   * The lifetime the back-off is bounded by: the current certificate's own (a CA's profile or its
   * expiry can make it shorter than spec.duration, as Let's Encrypt's six-day certificates are),
   * else, with none (or only a temporary one), the spec's duration.
   */
  public static Duration lifetime(X509Certificate current, Duration specDuration) {
    return current == null ? specDuration : Duration.between(current.getNotBefore().toInstant(), current.getNotAfter().toInstant());
  }

  /**
   * The earliest time of the next attempt after {@code failedAttempts} failures (fewer than one
   * counts as one): {@code base × 2^(failedAttempts−1)}, at most 32 × base and at most a tenth of
   * the lifetime, and never less than the smaller of base and one minute. A {@link
   * IssuanceFailure#REFUSED refused} request waits that ceiling at once: the issuer has said that
   * asking again will not change its answer.
   *
   * @param certificateLifetime notAfter − notBefore of the current certificate, or the spec's
   *     duration when none has been issued
   */
  public static Instant nextAttempt(
      Instant lastFailureTime, int failedAttempts, IssuanceFailure failure, Duration base, Duration certificateLifetime) {
    int counted = failure == IssuanceFailure.REFUSED ? MAX_DOUBLINGS + 1 : failedAttempts;
    return lastFailureTime.plus(delay(counted, base, certificateLifetime));
  }

  /** What the Certificate says about the next attempt, in the words a user reads on its conditions. */
  public static String describe(Instant nextAttempt, int failedAttempts, IssuanceFailure failure) {
    String at = Conditions.timestamp(nextAttempt);
    return failure == IssuanceFailure.REFUSED
        ? "next attempt at " + at + ", at the back-off ceiling because the issuer refused the request for good (" + failedAttempts + " failed attempt(s))"
        : "will retry at " + at + " after " + failedAttempts + " failed attempt(s)";
  }

  /**
   * Whether issuance may be attempted at {@code now}: yes when nothing failed, or when the spec
   * changed since the failure (for example {@link RequestMismatches#of} finds differences between
   * the failed request and the spec), since the old failure says nothing about the new spec;
   * otherwise from {@link #nextAttempt} on.
   */
  public static boolean mayRetryNow(
      Instant lastFailureTime,
      int failedAttempts,
      Duration base,
      Duration certificateLifetime,
      boolean specChangedSinceFailure,
      Instant now) {
    if (lastFailureTime == null || specChangedSinceFailure) {
      return true;
    }
    return !now.isBefore(nextAttempt(lastFailureTime, failedAttempts, IssuanceFailure.RETRYABLE, base, certificateLifetime));
  }

  static Duration delay(int failedAttempts, Duration base, Duration certificateLifetime) {
    Objects.requireNonNull(certificateLifetime, "certificateLifetime");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("the back-off base must be positive, got " + base);
    }
    int doublings = Math.min(Math.max(failedAttempts, 1) - 1, MAX_DOUBLINGS);
    Duration delay = base.multipliedBy(1L << doublings);
    Duration lifetimeBound = certificateLifetime.dividedBy(LIFETIME_FRACTION);
    if (delay.compareTo(lifetimeBound) > 0) {
      delay = lifetimeBound;
    }
    Duration floor = base.compareTo(FLOOR) < 0 ? base : FLOOR;
    return delay.compareTo(floor) < 0 ? floor : delay;
  }
}
