package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.GoDuration;
import dev.certkeeper.api.certmanager.RenewalWindow;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Fits a renewal time into the Certificate's renewal windows (renewal.windows: a cron start, a
 * length and a time zone each). A time inside a window stays; otherwise it moves to the next
 * window start before the certificate expires, as cert-manager does. Where no window starts
 * between the time and expiry, certkeeper renews early, at the last window start in the second
 * half of the time from notBefore to the desired time, rather than let the certificate run out;
 * never earlier, or the window a certificate was just issued in (CAs backdate notBefore) would
 * renew it again at once, and again. Where no window fits, or a window cannot be read, the time
 * stays and the problem is reported (cert-manager's WindowError).
 */
public final class RenewalWindows {
  private RenewalWindows() {}

  /** A renewal time and, when the windows could not be honoured, why. */
  public record Fit(Instant time, Optional<String> problem) {}

  public static Fit fit(Instant desired, List<RenewalWindow> windows, Instant notBefore, Instant notAfter) {
    if (windows == null || windows.isEmpty()) {
      return new Fit(desired, Optional.empty());
    }
    List<Parsed> parsed = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      try {
        parsed.add(Parsed.of(windows.get(i)));
      } catch (IllegalArgumentException | DateTimeException e) {
        problems.add("renewal.windows[" + i + "]: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      return new Fit(desired, Optional.of(String.join("; ", problems) + "; renewing at " + desired + " regardless of windows"));
    }
    if (parsed.stream().anyMatch(w -> w.contains(desired))) {
      return new Fit(desired, Optional.empty());
    }
    Optional<Instant> next = parsed.stream()
        .flatMap(w -> w.startAfter(desired).stream())
        .filter(start -> start.isBefore(notAfter))
        .min(Comparator.naturalOrder());
    if (next.isPresent()) {
      return new Fit(next.get(), Optional.empty());
    }
    Instant halfway = notBefore.plus(Duration.between(notBefore, desired).dividedBy(2));
    Optional<Instant> earlier = parsed.stream()
        .flatMap(w -> w.lastStartBetween(halfway, desired).stream())
        .max(Comparator.naturalOrder());
    return earlier
        .map(start -> new Fit(start, Optional.<String>empty()))
        .orElseGet(() -> new Fit(desired, Optional.of(
            "no renewal window starts between " + halfway + " (halfway from notBefore to the renewal time) and notAfter " + notAfter + "; renewing at " + desired
                + " regardless of windows")));
  }

  /** One window, read. */
  private record Parsed(CronSchedule schedule, Duration length, ZoneId zone) {
    static Parsed of(RenewalWindow window) {
      Duration length = GoDuration.parse(window.windowDuration());
      if (length.isZero() || length.isNegative()) {
        throw new IllegalArgumentException("windowDuration " + window.windowDuration() + " must be positive");
      }
      ZoneId zone = window.timezone() == null || window.timezone().isBlank() ? ZoneOffset.UTC : ZoneId.of(window.timezone());
      return new Parsed(CronSchedule.parse(window.cron()), length, zone);
    }

    /** Whether a window of this kind is open at the instant: the last start is less than its length before. */
    boolean contains(Instant at) {
      return schedule.nextAtOrAfter(ZonedDateTime.ofInstant(at.minus(length).plusSeconds(1), zone))
          .map(start -> !start.toInstant().isAfter(at))
          .orElse(false);
    }

    Optional<Instant> startAfter(Instant at) {
      return schedule.nextAtOrAfter(ZonedDateTime.ofInstant(at.plusSeconds(1), zone)).map(ZonedDateTime::toInstant);
    }

    /** The latest start in [from, before), found by walking forward (bounded: windows repeat at most once a minute). */
    Optional<Instant> lastStartBetween(Instant from, Instant before) {
      Optional<Instant> last = Optional.empty();
      Optional<Instant> start = schedule.nextAtOrAfter(ZonedDateTime.ofInstant(from, zone)).map(ZonedDateTime::toInstant);
      for (int i = 0; i < 1_000_000 && start.isPresent() && start.get().isBefore(before); i++) {
        last = start;
        start = startAfter(start.get());
      }
      return last;
    }
  }
}
