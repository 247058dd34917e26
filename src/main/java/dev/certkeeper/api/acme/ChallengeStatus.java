package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;

/** The progress of a Challenge: presented, accepted at the CA, and its final state. */
@ApiType
public record ChallengeStatus(Boolean processing, Boolean presented, String presentedAt, String reason, AcmeState state) {

  /** Whether a Challenge with this status (null: none yet) has reached a final state. */
  public static boolean isFinal(ChallengeStatus status) {
    return status != null && status.state() != null && status.state().isFinal();
  }

  /** This status with another reason. */
  public ChallengeStatus withReason(String newReason) {
    return new ChallengeStatus(processing, presented, presentedAt, newReason, state);
  }
}
