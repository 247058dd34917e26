package dev.certkeeper.acme.orders;

import dev.certkeeper.api.acme.Challenge;
import java.util.Collection;
import java.util.List;

/** Which of an Order's Challenges still matter once the CA has decided the order. */
final class OrderChallenges {
  private OrderChallenges() {}

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
    boolean isFinal = challenge.getStatus() != null && challenge.getStatus().state() != null && challenge.getStatus().state().isFinal();
    return !isFinal && challenge.getMetadata().getDeletionTimestamp() == null;
  }
}
