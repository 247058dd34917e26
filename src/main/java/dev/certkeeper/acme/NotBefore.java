package dev.certkeeper.acme;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The time before which the CA is not asked again about an Order or a Challenge, recorded in its
 * status ({@code retryAfter}) after the CA rate-limited a request or could not answer, so neither
 * an event that wakes the controller sooner nor a restart asks before then.
 */
public final class NotBefore {
  private NotBefore() {}

  /** {@code now} plus the wait, rounded up to the whole second status times are written in, so the record is never early. */
  public static Instant after(Instant now, Duration wait) {
    Instant at = now.plus(wait);
    Instant second = at.truncatedTo(ChronoUnit.SECONDS);
    return second.equals(at) ? at : second.plusSeconds(1);
  }

  /** How long the CA must still not be asked, by the recorded time (null: none); empty when it may be asked now. */
  public static Optional<Duration> remaining(String recorded, Instant now) {
    if (recorded == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, Instant.parse(recorded));
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }
}
