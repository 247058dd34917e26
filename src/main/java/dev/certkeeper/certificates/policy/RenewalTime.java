package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.GoDuration;
import dev.certkeeper.api.certmanager.CertificateAcmeStatus.RenewalInformation;
import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.RenewalPolicy;
import java.security.cert.X509Certificate;
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
    return planned(spec, notBefore, notAfter, null, 0).map(RenewalWindows.Fit::time);
  }

  /**
   * The renewal time of this certificate, with the CA's renewal information when there is some
   * (the instant in its window is drawn from the certificate's serial number), fitted into the
   * renewal windows, and why those could not be honoured if they could not; empty when
   * renewal.policy is Disabled.
   */
  public static Optional<RenewalWindows.Fit> planned(CertificateSpec spec, X509Certificate certificate, RenewalInformation ari) {
    return planned(spec, certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), ari, certificate.getSerialNumber().longValue());
  }

  /**
   * The desired time ({@link #desired}) fitted into renewal.windows. The user's windows have the
   * last word even over the CA's window, as renewBefore has over the default: a user who allows
   * changes only in maintenance windows gets them there, a revoked certificate included.
   */
  static Optional<RenewalWindows.Fit> planned(CertificateSpec spec, Instant notBefore, Instant notAfter, RenewalInformation ari, long seed) {
    if (spec.renewal() != null && spec.renewal().policy() == RenewalPolicy.DISABLED) {
      return Optional.empty();
    }
    Instant desired = desired(spec, notBefore, notAfter, ari, seed);
    return Optional.of(RenewalWindows.fit(desired, spec.renewal() == null ? null : spec.renewal().windows(), notBefore, notAfter));
  }

  /**
   * When renewal is wanted before renewal windows apply: renewBefore's time ({@link #of}), or,
   * once the CA's ACME Renewal Information (RFC 9773) is known, the instant
   * {@link AriSchedule#renewalInstant} picks in its suggested window, taking the place of the
   * default third of the lifetime, as cert-manager 1.21 does and as the RFC asks (clients SHOULD
   * renew inside the window; it is how the CA spreads its load and, after a revocation, asks for
   * renewal at once). Two limits keep the user's and the certificate's interests first:
   * <ul>
   *   <li>a renewBefore or renewBeforePercentage the user set explicitly is a wish to renew at least
   *       that early, so the earlier of the two times wins (the CA can bring renewal forward, never
   *       push it past what the user asked);
   *   <li>the instant is never later than halfway between the default renewal time and notAfter,
   *       so a window reaching past expiry (a CA's mistake) still leaves time to retry a failure.
   * </ul>
   * A past instant (a window that has moved into the past) means renew now.
   *
   * @param seed what the instant is drawn from: the certificate's serial number, so it is stable
   */
  static Instant desired(CertificateSpec spec, Instant notBefore, Instant notAfter, RenewalInformation ari, long seed) {
    Instant byRenewBefore = of(notBefore, notAfter, spec.renewBefore(), spec.renewBeforePercentage());
    Optional<Instant> suggested = AriSchedule.renewalInstant(ari, seed);
    if (suggested.isEmpty()) {
      return byRenewBefore;
    }
    Duration lifetime = Duration.between(notBefore, notAfter);
    Instant latest = notAfter.minus(lifetime.dividedBy(6)).truncatedTo(ChronoUnit.SECONDS);
    Instant chosen = suggested.get().isAfter(latest) ? latest : suggested.get();
    boolean explicit = spec.renewBefore() != null || spec.renewBeforePercentage() != null;
    return explicit && byRenewBefore.isBefore(chosen) ? byRenewBefore : chosen;
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
