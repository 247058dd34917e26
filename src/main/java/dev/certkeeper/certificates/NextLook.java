package dev.certkeeper.certificates;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * When a Certificate is looked at again without an event: at the earliest of its retry time and the
 * instants still ahead (renewal time, expiry, the next ACME renewal information check). An instant
 * already past was acted on in the pass that computes this, or is held back until the retry time;
 * waking for it would repeat that pass every second until then.
 */
final class NextLook {
  /** Half a second past the instant, so the pass that wakes finds it reached. */
  private static final Duration MARGIN = Duration.ofMillis(500);
  private static final Duration SOON = Duration.ofSeconds(1);

  private NextLook() {}

  /** How long from {@code now}; empty when nothing is due (an event will wake it). */
  static Optional<Duration> after(Instant now, Optional<Instant> retryAt, Optional<Instant> renewal, Optional<Instant> notAfter, Optional<Instant> ariCheck) {
    return Stream.concat(retryAt.stream(), Stream.of(renewal, notAfter, ariCheck).flatMap(Optional::stream).filter(at -> at.isAfter(now)))
        .min(Instant::compareTo)
        .map(at -> Duration.between(now, at))
        .map(d -> d.isNegative() || d.isZero() ? SOON : d.plus(MARGIN));
  }
}
