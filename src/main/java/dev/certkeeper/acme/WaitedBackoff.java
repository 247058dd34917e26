package dev.certkeeper.acme;

import java.time.Duration;
import java.time.Instant;

/**
 * A back-off that grows with how long something has been waiting (a Challenge for its key to be
 * served, an issuer for its account): a quarter of the time waited, between a first and a longest
 * wait, so a cause fixed soon is seen soon and one that stands costs few looks.
 */
public final class WaitedBackoff {
  private WaitedBackoff() {}

  /** A quarter of the time from {@code since} to {@code now}, at least {@code first} and at most {@code longest}. */
  public static Duration of(Instant since, Instant now, Duration first, Duration longest) {
    Duration quarter = Duration.between(since, now).dividedBy(4);
    if (quarter.compareTo(first) < 0) {
      return first;
    }
    return quarter.compareTo(longest) > 0 ? longest : quarter;
  }
}
