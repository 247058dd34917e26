package dev.certkeeper.pki;

import dev.certkeeper.api.certmanager.CertificateSpec;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * The throw-away certificate written while the real one is being issued
 * ({@code cert-manager.io/issue-temporary-certificate}), so that a workload can start with a
 * Secret that has the right names and key.
 */
public final class TemporaryCertificates {
  /** Long enough to bridge an issuance, short enough that nobody comes to rely on it. */
  public static final Duration LIFETIME = Duration.ofHours(1);

  private TemporaryCertificates() {}

  /** A certificate for the spec's names and usages, valid for an hour, signed by its own key. */
  public static X509Certificate selfSigned(KeyPair keyPair, CertificateSpec spec) {
    ParsedRequest request = CertificateSigningRequests.expected(spec, keyPair.getPublic());
    return CertificateSigner.sign(
        request, SigningParameters.selfSigned(keyPair.getPrivate(), Instant.now(), LIFETIME, spec.effectiveIsCA(), spec.effectiveUsages()));
  }
}
