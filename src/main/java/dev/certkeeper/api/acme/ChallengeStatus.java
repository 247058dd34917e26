package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;

/**
 * The progress of a Challenge: presented, accepted at the CA, and its final state. {@code
 * retryAfter} is certkeeper's own field (not in cert-manager's Challenge), as in the Order: after
 * the CA rate-limited a request about the Challenge or could not answer, the time before which it
 * is not asked again, whatever wakes the controller, a restart included.
 */
@ApiType
public record ChallengeStatus(Boolean processing, Boolean presented, String presentedAt, String reason, AcmeState state, String retryAfter) {

  /** A status without a recorded wait. */
  public ChallengeStatus(Boolean processing, Boolean presented, String presentedAt, String reason, AcmeState state) {
    this(processing, presented, presentedAt, reason, state, null);
  }

  /** Whether a Challenge with this status (null: none yet) has reached a final state. */
  public static boolean isFinal(ChallengeStatus status) {
    return status != null && status.state() != null && status.state().isFinal();
  }

  /** This status with another reason. */
  public ChallengeStatus withReason(String newReason) {
    return new ChallengeStatus(processing, presented, presentedAt, newReason, state, retryAfter);
  }

  /** This status with another time before which the CA is not asked about it (null: at any time). */
  public ChallengeStatus withRetryAfter(String newRetryAfter) {
    return new ChallengeStatus(processing, presented, presentedAt, reason, state, newRetryAfter);
  }
}
