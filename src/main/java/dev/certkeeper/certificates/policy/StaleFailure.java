package dev.certkeeper.certificates.policy;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a failed CertificateRequest answers an earlier issuance attempt than the one under way,
 * so that the Certificate replaces it instead of counting its failure a second time. certkeeper
 * numbers each attempt on its request; the times alone cannot tell, because both the failure and
 * the start of an attempt are recorded to the second, and an issuer edited within the second of a
 * failure would otherwise have the new attempt fail at once on the old answer. A request without a
 * number (made by cert-manager before a takeover) is judged by time: it failed before the attempt began.
 */
public final class StaleFailure {
  private StaleFailure() {}

  /** The attempt number a new request carries: one more than the failures recorded so far. */
  public static int attemptNumber(Integer failedIssuanceAttempts) {
    return (failedIssuanceAttempts == null ? 0 : failedIssuanceAttempts) + 1;
  }

  /**
   * @param requestAttempt the attempt number recorded on the request, if any
   * @param failureTime the request's status.failureTime, or null when it has not failed
   * @param failedIssuanceAttempts the Certificate's status.failedIssuanceAttempts
   * @param issuingSince when the Certificate's Issuing condition last became True, if it has one
   */
  public static boolean isStale(Optional<String> requestAttempt, String failureTime, Integer failedIssuanceAttempts, Optional<String> issuingSince) {
    if (failureTime == null) {
      return false;
    }
    Optional<Integer> attempt = requestAttempt.flatMap(StaleFailure::parse);
    if (attempt.isPresent()) {
      return attempt.get() != attemptNumber(failedIssuanceAttempts);
    }
    return issuingSince.map(since -> Instant.parse(failureTime).isBefore(Instant.parse(since))).orElse(true);
  }

  private static Optional<Integer> parse(String text) {
    try {
      return Optional.of(Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
