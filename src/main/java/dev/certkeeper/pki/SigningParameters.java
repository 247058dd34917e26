package dev.certkeeper.pki;

import dev.certkeeper.api.certmanager.KeyUsage;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the issuer decides about a certificate: its validity, whether it is a CA, its usages (empty:
 * take what the request asks for), who signs it, and the URLs it points to. Without an issuer
 * certificate the certificate is self-signed by {@code issuerKey}.
 */
public record SigningParameters(
    Instant notBefore,
    Duration duration,
    boolean isCA,
    List<KeyUsage> usages,
    X509Certificate issuerCertificate,
    PrivateKey issuerKey,
    List<String> crlDistributionPoints,
    List<String> ocspServers,
    List<String> issuingCertificateUrls) {

  public SigningParameters {
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(issuerKey, "issuerKey");
    usages = List.copyOf(Objects.requireNonNullElse(usages, List.of()));
    crlDistributionPoints = List.copyOf(Objects.requireNonNullElse(crlDistributionPoints, List.of()));
    ocspServers = List.copyOf(Objects.requireNonNullElse(ocspServers, List.of()));
    issuingCertificateUrls = List.copyOf(Objects.requireNonNullElse(issuingCertificateUrls, List.of()));
  }

  /** A certificate signed by the request's own key, as the SelfSigned issuer signs. */
  public static SigningParameters selfSigned(PrivateKey key, Instant notBefore, Duration duration, boolean isCA, List<KeyUsage> usages) {
    return new SigningParameters(notBefore, duration, isCA, usages, null, key, null, null, null);
  }

  /** A certificate signed by a CA, as the CA issuer signs. */
  public static SigningParameters signedBy(
      X509Certificate caCertificate, PrivateKey caKey, Instant notBefore, Duration duration, boolean isCA, List<KeyUsage> usages) {
    return new SigningParameters(notBefore, duration, isCA, usages, Objects.requireNonNull(caCertificate, "caCertificate"), caKey, null, null, null);
  }

  /** The same parameters with a CA issuer's CRL distribution points, OCSP servers and issuing certificate URLs. */
  public SigningParameters withUrls(List<String> crlDistributionPoints, List<String> ocspServers, List<String> issuingCertificateUrls) {
    return new SigningParameters(
        notBefore, duration, isCA, usages, issuerCertificate, issuerKey, crlDistributionPoints, ocspServers, issuingCertificateUrls);
  }

  /** Whether the certificate signs itself. */
  public boolean isSelfSigned() {
    return issuerCertificate == null;
  }
}
