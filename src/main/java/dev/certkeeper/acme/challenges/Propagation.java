package dev.certkeeper.acme.challenges;

import dev.certkeeper.acme.WaitedBackoff;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.ChallengeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a presented HTTP-01 key can be fetched the way the CA will fetch it, and how long to wait
 * before looking again when it cannot: a few seconds at first, growing with the time the challenge
 * has been waiting, to two minutes; never a fixed hot loop.
 */
public interface Propagation {
  Duration FIRST_RETRY = Duration.ofSeconds(2);
  Duration LONGEST_RETRY = Duration.ofMinutes(2);

  /** Empty when the key is served; otherwise why not, in words the user can act on. */
  Optional<String> check(Challenge challenge);

  /** A quarter of the time since the key was presented, between {@link #FIRST_RETRY} and {@link #LONGEST_RETRY}. */
  static Duration backoff(ChallengeStatus status, Instant now) {
    return status == null || status.presentedAt() == null ? FIRST_RETRY : backoff(Instant.parse(status.presentedAt()), now);
  }

  /** A quarter of the time since {@code presentedAt}, between {@link #FIRST_RETRY} and {@link #LONGEST_RETRY}. */
  static Duration backoff(Instant presentedAt, Instant now) {
    return WaitedBackoff.of(presentedAt, now, FIRST_RETRY, LONGEST_RETRY);
  }
}
