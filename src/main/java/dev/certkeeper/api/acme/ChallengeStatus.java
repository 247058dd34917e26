package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;

/** The progress of a Challenge: presented, accepted at the CA, and its final state. */
@ApiType
public record ChallengeStatus(Boolean processing, Boolean presented, String presentedAt, String reason, AcmeState state) {}
