package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateSpec;
import java.time.Instant;
import java.util.Objects;

/** What every check looks at: the Certificate (read only), its Secret, the current request (or null) and the time. */
public record PolicyInput(Certificate certificate, SecretState secret, RequestState currentRequest, Instant now) {
  // currentRequest is null when there is none: the first issuance, or its CertificateRequest was deleted.
  public PolicyInput {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(certificate.getSpec(), "certificate.spec");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(now, "now");
  }

  CertificateSpec spec() {
    return certificate.getSpec();
  }
}
