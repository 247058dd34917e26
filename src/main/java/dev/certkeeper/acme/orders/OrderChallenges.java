package dev.certkeeper.acme.orders;

import dev.certkeeper.api.acme.AcmeAuthorization;
import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.ChallengeStatus;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Where an Order's Challenges stand: whether the CA can have moved the order on, and which still matter once it has. */
final class OrderChallenges {
  private OrderChallenges() {}

  /**
   * Whether an authorization that needs a Challenge has none with a verdict yet, and none has
   * failed. Until then the CA keeps the order pending (its authorizations are what the Challenges
   * are solving), so asking the CA about the order again would tell nothing new, and cost a signed
   * request. One failed Challenge fails the whole order at the CA: that is asked about at once.
   */
  static boolean stillBeingSolved(List<AcmeAuthorization> authorizations, Collection<Challenge> challenges) {
    if (challenges.stream().anyMatch(c -> decided(c) && c.getStatus().state() != AcmeState.VALID)) {
      return false;
    }
    return Objects.requireNonNullElse(authorizations, List.<AcmeAuthorization>of()).stream()
        .filter(OrderChallenges::needsChallenge)
        .anyMatch(authorization -> challenges.stream().noneMatch(c -> authorization.url().equals(c.getSpec().authorizationURL()) && decided(c)));
  }

  /** An authorization the CA has not already granted (from an earlier order) needs a Challenge. */
  static boolean needsChallenge(AcmeAuthorization authorization) {
    return authorization.initialState() == null || authorization.initialState() == AcmeState.PENDING;
  }

  private static boolean decided(Challenge challenge) {
    return challenge.getMetadata().getDeletionTimestamp() == null && ChallengeStatus.isFinal(challenge.getStatus());
  }

  /**
   * Challenges the CA is validating whose verdict the challenges controller has not recorded yet:
   * an order the CA has just invalidated waits for them, so its reason is the Challenge's own
   * (the CA's words and the self-check's), not a bare "invalid".
   */
  static boolean awaitingVerdict(Collection<Challenge> challenges) {
    return challenges.stream().anyMatch(c -> live(c) && processing(c));
  }

  /**
   * Challenges of a finished order that the CA was never asked to validate (another one failed,
   * or the order expired): deleted, so their solvers go. Those the CA is validating are left to
   * record its verdict, which the challenges controller always fetches.
   */
  static List<Challenge> leftOver(Collection<Challenge> challenges) {
    return challenges.stream().filter(c -> live(c) && !processing(c)).toList();
  }

  private static boolean processing(Challenge challenge) {
    return challenge.getStatus() != null && Boolean.TRUE.equals(challenge.getStatus().processing());
  }

  private static boolean live(Challenge challenge) {
    return !ChallengeStatus.isFinal(challenge.getStatus()) && challenge.getMetadata().getDeletionTimestamp() == null;
  }
}
