package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.GoDuration;
import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.RenewalPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** When a certificate is due for renewal, computed as cert-manager's pkg/util/pki/renewaltime.go does. */
public final class RenewalTime {
  private RenewalTime() {}

  /**
   * notAfter minus how long before expiry to renew, truncated to the second (as status.renewalTime
   * is stored, so a requeue at the stored time never finds renewal still in the future). The
   * lifetime is the certificate's own, not the spec's duration: {@code renewBefore} counts when it
   * is positive and shorter than that lifetime, otherwise {@code renewBeforePercentage} when in
   * (0, 100), otherwise a third of the lifetime. So a renewBefore as long as the certificate cannot
   * make it renew on every pass.
   *
   * @param renewBefore a Go duration such as "720h", or null
   * @param renewBeforePercentage a percentage of the lifetime, or null
   */
  public static Instant of(Instant notBefore, Instant notAfter, String renewBefore, Integer renewBeforePercentage) {
    Duration lifetime = Duration.between(notBefore, notAfter);
    return notAfter.minus(renewBefore(lifetime, renewBefore, renewBeforePercentage)).truncatedTo(ChronoUnit.SECONDS);
  }

  /** The renewal time of a certificate issued for this spec, fitted into its renewal windows; empty when renewal.policy is Disabled. */
  public static Optional<Instant> scheduled(CertificateSpec spec, Instant notBefore, Instant notAfter) {
    return planned(spec, notBefore, notAfter).map(RenewalWindows.Fit::time);
  }

  /** As {@link #scheduled}, with the reason the renewal windows could not be honoured, if they could not. */
  public static Optional<RenewalWindows.Fit> planned(CertificateSpec spec, Instant notBefore, Instant notAfter) {
    if (spec.renewal() != null && spec.renewal().policy() == RenewalPolicy.DISABLED) {
      return Optional.empty();
    }
    Instant desired = of(notBefore, notAfter, spec.renewBefore(), spec.renewBeforePercentage());
    return Optional.of(RenewalWindows.fit(desired, spec.renewal() == null ? null : spec.renewal().windows(), notBefore, notAfter));
  }

  private static Duration renewBefore(Duration lifetime, String renewBefore, Integer percentage) {
    if (renewBefore != null) {
      Duration wanted = GoDuration.parse(renewBefore);
      if (!wanted.isNegative() && !wanted.isZero() && wanted.compareTo(lifetime) < 0) {
        return wanted;
      }
    }
    if (percentage != null && percentage > 0 && percentage < 100) {
      return lifetime.multipliedBy(percentage).dividedBy(100);
    }
    return lifetime.dividedBy(3);
  }
}
