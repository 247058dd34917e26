package dev.certkeeper.acme.challenges;

import dev.certkeeper.api.GoDuration;
import dev.certkeeper.kube.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to ask the CA to validate a presented HTTP-01 challenge, and what to say meanwhile.
 *
 * <p>Normally once the self-check passes. A self-check still failing after the time limit does not
 * hold the Challenge pending forever (cert-manager's most reported trap): the CA is asked anyway,
 * because the self-check may not see what the CA sees (no hairpin NAT, split-horizon DNS). When
 * the CA cannot validate either, the Challenge and its Order end invalid, naming both results, and
 * the Certificate's back-off brings a new Order built from the issuer's solvers as they are then.
 */
final class Acceptance {
  private static final String STILL_FAILING = "; the self-check still failed after ";

  private Acceptance() {}

  /** Ask the CA now, recording {@code reason} while it validates; or wait {@code retry} and look again. */
  sealed interface Decision {}

  record Ask(String reason) implements Decision {}

  record Wait(String reason, Duration retry) implements Decision {}

  /**
   * After a self-check: {@code failure} is empty when it passed. A {@code limit} of zero never gives
   * up on the self-check (cert-manager's behaviour).
   */
  static Decision afterSelfCheck(String domain, Instant presentedAt, Instant now, Optional<String> failure, Duration limit) {
    if (failure.isEmpty()) {
      return new Ask(validating(domain));
    }
    if (limit.isZero() || limit.isNegative()) {
      return new Wait(failure.get(), Propagation.backoff(presentedAt, now));
    }
    Instant giveUp = presentedAt.plus(limit);
    if (!now.isBefore(giveUp)) {
      return new Ask(validating(domain) + STILL_FAILING + GoDuration.format(limit) + ": " + failure.get());
    }
    Duration retry = Propagation.backoff(presentedAt, now);
    Duration untilGiveUp = Duration.between(now, giveUp);
    return new Wait(failure.get() + " (the CA will be asked anyway at " + Conditions.timestamp(giveUp) + ")", retry.compareTo(untilGiveUp) > 0 ? untilGiveUp : retry);
  }

  /** With {@code waitInsteadOfSelfCheck}: ask once the fixed wait after presenting is over. */
  static Decision afterFixedWait(String domain, Instant presentedAt, Instant now, Duration wait) {
    Instant until = presentedAt.plus(wait);
    if (!now.isBefore(until)) {
      return new Ask(validating(domain));
    }
    Duration retry = Propagation.backoff(presentedAt, now);
    Duration left = Duration.between(now, until);
    return new Wait("Waiting until " + Conditions.timestamp(until) + " (waitInsteadOfSelfCheck) before asking the CA", retry.compareTo(left) > 0 ? left : retry);
  }

  /**
   * Why the Challenge ended invalid: the CA's words, and the self-check's when the CA was asked
   * although it still failed ({@code askedReason} is the reason recorded when the CA was asked).
   */
  static String invalid(String domain, String caWhy, String askedReason) {
    String why = "the CA could not validate " + domain + ": " + caWhy;
    int note = askedReason == null ? -1 : askedReason.indexOf(STILL_FAILING);
    return note < 0 ? why : why + askedReason.substring(note);
  }

  private static String validating(String domain) {
    return "Waiting for the CA to validate " + domain;
  }
}
