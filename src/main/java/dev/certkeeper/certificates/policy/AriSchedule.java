package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.certmanager.CertificateAcmeStatus.RenewalInformation;
import dev.certkeeper.api.certmanager.CertificateAcmeStatus.SuggestedWindow;
import dev.certkeeper.kube.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * ACME Renewal Information (RFC 9773) as recorded in {@code status.acme.ari}: when to ask the CA
 * again, what to record after it answered or failed, and which instant of its suggested window
 * this certificate renews at. Plain functions over the record; the caller does the asking.
 */
public final class AriSchedule {
  /** How long an answer stands when the CA sends no Retry-After (RFC 9773 suggests six hours). */
  static final Duration DEFAULT_RECHECK = Duration.ofHours(6);
  /** A Retry-After is honoured within these bounds: never a hot loop, never silent for days. */
  static final Duration MIN_RECHECK = Duration.ofMinutes(1);
  static final Duration MAX_RECHECK = Duration.ofDays(1);
  /** After a failed check: the first retry, doubled after each further failure up to the ceiling. */
  static final Duration FIRST_ERROR_RETRY = Duration.ofMinutes(5);
  static final Duration MAX_ERROR_RETRY = DEFAULT_RECHECK;

  private AriSchedule() {}

  /**
   * Whether the CA must be asked now: nothing is recorded, the record is older than the
   * certificate (it was about the one this certificate replaced), or its nextCheck has come.
   */
  public static boolean checkDue(RenewalInformation recorded, Instant notBefore, Instant now) {
    if (recorded == null) {
      return true;
    }
    Optional<Instant> lastChecked = time(recorded.lastChecked());
    Optional<Instant> nextCheck = time(recorded.nextCheck());
    if (lastChecked.isEmpty() || nextCheck.isEmpty() || lastChecked.get().isBefore(notBefore.truncatedTo(ChronoUnit.SECONDS))) {
      return true;
    }
    return !now.isBefore(nextCheck.get());
  }

  /**
   * The record after the CA answered with a window. A window that ends before it starts is not a
   * window (RFC 9773 §4.2): that answer is recorded as a failed check.
   *
   * @param retryAfter the CA's Retry-After, or null when it sent none
   */
  public static RenewalInformation answered(
      RenewalInformation previous, Instant start, Instant end, String explanationUrl, Instant retryAfter, Instant now) {
    if (!start.isBefore(end)) {
      return failed(previous, "the ACME server suggested a renewal window that ends (" + Conditions.timestamp(end) + ") before it starts (" + Conditions.timestamp(start) + ")", now);
    }
    Duration wait = retryAfter == null ? DEFAULT_RECHECK : clamp(Duration.between(now, retryAfter), MIN_RECHECK, MAX_RECHECK);
    return new RenewalInformation(new SuggestedWindow(Conditions.timestamp(start), Conditions.timestamp(end)), explanationUrl, Conditions.timestamp(now), Conditions.timestamp(now.plus(wait)), null);
  }

  /**
   * The record after asking failed: the last window the CA gave stays (its last word until it
   * speaks again), and the next check backs off: {@link #FIRST_ERROR_RETRY}, doubling after each
   * failure in a row up to {@link #MAX_ERROR_RETRY}.
   */
  public static RenewalInformation failed(RenewalInformation previous, String error, Instant now) {
    Duration wait = FIRST_ERROR_RETRY;
    if (previous != null && previous.lastError() != null) {
      Optional<Instant> lastChecked = time(previous.lastChecked());
      Optional<Instant> nextCheck = time(previous.nextCheck());
      if (lastChecked.isPresent() && nextCheck.isPresent()) {
        wait = clamp(Duration.between(lastChecked.get(), nextCheck.get()).multipliedBy(2), FIRST_ERROR_RETRY, MAX_ERROR_RETRY);
      }
    }
    return new RenewalInformation(
        previous == null ? null : previous.suggestedWindow(), previous == null ? null : previous.explanationURL(), Conditions.timestamp(now), Conditions.timestamp(now.plus(wait)), error);
  }

  /** When the CA is to be asked again, if the record says. */
  public static Optional<Instant> nextCheck(RenewalInformation recorded) {
    return recorded == null ? Optional.empty() : time(recorded.nextCheck());
  }

  /**
   * The instant this certificate renews at inside the recorded window: uniformly random, as RFC
   * 9773 §4.2 asks, so that the CA's certificates do not all renew at once; but drawn from a seed
   * (the certificate's serial number), so that every reconciliation and every restart picks the
   * same instant. Empty when no usable window is recorded.
   */
  public static Optional<Instant> renewalInstant(RenewalInformation recorded, long seed) {
    if (recorded == null || recorded.suggestedWindow() == null) {
      return Optional.empty();
    }
    Optional<Instant> start = time(recorded.suggestedWindow().start());
    Optional<Instant> end = time(recorded.suggestedWindow().end());
    if (start.isEmpty() || end.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(instantIn(start.get(), end.get(), seed));
  }

  /** A seeded, uniformly random instant in [start, end), truncated to the second; start when the window is empty. */
  static Instant instantIn(Instant start, Instant end, long seed) {
    long span = Duration.between(start, end).toMillis();
    if (span <= 0) {
      return start.truncatedTo(ChronoUnit.SECONDS);
    }
    long offset = (long) (new SplittableRandom(seed).nextDouble() * span);
    return start.plusMillis(offset).truncatedTo(ChronoUnit.SECONDS);
  }

  private static Duration clamp(Duration value, Duration min, Duration max) {
    return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
  }

  private static Optional<Instant> time(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
