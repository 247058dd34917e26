package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;

/** The progress of a Challenge: presented, accepted at the CA, and its final state. */
@ApiType
public record ChallengeStatus(Boolean processing, Boolean presented, String presentedAt, String reason, AcmeState state) {

  /** This status with another reason. */
  public ChallengeStatus withReason(String newReason) {
    return new ChallengeStatus(processing, presented, presentedAt, newReason, state);
  }
}
