package dev.certkeeper.certificates.policy;

import java.time.Instant;
import java.util.Optional;

/** Whether the stored certificate is due for renewal (trigger) or already expired (readiness). */
final class ExpiryChecks {
  private ExpiryChecks() {}

  /**
   * Renewal is due from the renewal time on (inside the CA's renewal window when it suggested one);
   * with renewal.policy Disabled it never is.
   */
  static Optional<Violation> currentCertificateNearingExpiry(PolicyInput input) {
    return SecretChecks.unreadable(input).or(() -> RenewalTime.planned(input.spec(), input.secret().certificate(), input.ari())
        .map(RenewalWindows.Fit::time)
        .filter(renewalTime -> !input.now().isBefore(renewalTime))
        .map(renewalTime -> new Violation(Reasons.RENEWING, "Renewing certificate as renewal was scheduled at " + GoText.time(renewalTime))));
  }

  /** Expired strictly after notAfter, as cert-manager; reported even when renewal is Disabled. */
  static Optional<Violation> currentCertificateHasExpired(PolicyInput input) {
    return SecretChecks.unreadable(input).or(() -> {
      Instant notAfter = input.secret().certificate().getNotAfter().toInstant();
      return input.now().isAfter(notAfter)
          ? Optional.of(new Violation(Reasons.EXPIRED, "Certificate expired on " + GoText.rfc1123(notAfter)))
          : Optional.empty();
    });
  }
}
