package dev.certkeeper.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits for a condition in the cluster to hold, polling briefly; fails with what was last seen. */
public final class Await {
  private Await() {}

  /** Polls until {@code probe} returns a value, or fails after {@code timeout} with {@code lastSeen}. */
  public static <T> T until(Duration timeout, String what, Supplier<Optional<T>> probe, Supplier<String> lastSeen) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting for " + what + "; last seen: " + lastSeen.get());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
