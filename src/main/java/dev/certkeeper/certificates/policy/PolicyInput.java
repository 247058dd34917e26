package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateAcmeStatus.RenewalInformation;
import dev.certkeeper.api.certmanager.CertificateSpec;
import java.time.Instant;
import java.util.Objects;

/**
 * What every check looks at: the Certificate (read only), its Secret, the current request (or
 * null), the CA's renewal information for the Secret's certificate (or null) and the time.
 */
public record PolicyInput(Certificate certificate, SecretState secret, RequestState currentRequest, RenewalInformation ari, Instant now) {
  // currentRequest is null when there is none: the first issuance, or its CertificateRequest was deleted.
  // ari is null when the issuer offers none (not ACME, turned off, or not fetched yet); it is the
  // reconciliation's own record, which may be newer than the one in certificate's status.
  public PolicyInput {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(certificate.getSpec(), "certificate.spec");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(now, "now");
  }

  /** Without renewal information. */
  public PolicyInput(Certificate certificate, SecretState secret, RequestState currentRequest, Instant now) {
    this(certificate, secret, currentRequest, null, now);
  }

  CertificateSpec spec() {
    return certificate.getSpec();
  }
}
