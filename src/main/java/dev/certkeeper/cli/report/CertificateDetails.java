package dev.certkeeper.cli.report;

import dev.certkeeper.api.certmanager.KeyUsage;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.pki.CertificateInfo;
import dev.certkeeper.pki.KeyUsages;
import dev.certkeeper.pki.PkiException;
import dev.certkeeper.pki.PrivateKeys;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** What one X.509 certificate says, as text for people and for {@code -o yaml|json}. */
public record CertificateDetails(
    String subject,
    String issuer,
    String serialNumber,
    String notBefore,
    String notAfter,
    List<String> dnsNames,
    List<String> ipAddresses,
    List<String> uris,
    List<String> emailAddresses,
    List<String> keyUsages,
    List<String> extendedKeyUsages,
    boolean isCA,
    String publicKey,
    String signatureAlgorithm,
    String sha1Fingerprint,
    String sha256Fingerprint) {

  /** The details of a certificate, read through the pki package as the operator reads it. */
  public static CertificateDetails of(X509Certificate certificate) {
    CertificateInfo info = CertificateInfo.of(certificate);
    List<KeyUsage> usages = info.usages();
    return new CertificateDetails(
        info.subject().toString(),
        info.issuer().toString(),
        serial(certificate),
        Conditions.timestamp(info.notBefore()),
        Conditions.timestamp(info.notAfter()),
        info.dnsNames(),
        info.ipAddresses(),
        info.uris(),
        info.emailAddresses(),
        usages.stream().filter(u -> !KeyUsages.isExtended(u)).map(KeyUsages::name).toList(),
        usages.stream().filter(KeyUsages::isExtended).map(KeyUsages::name).toList(),
        info.isCA(),
        publicKey(certificate),
        certificate.getSigAlgName(),
        fingerprint("SHA-1", certificate),
        fingerprint("SHA-256", certificate));
  }

  /** The serial number in upper-case hex, an even number of digits, as openssl prints it. */
  private static String serial(X509Certificate certificate) {
    String hex = certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    return hex.length() % 2 == 0 ? hex : "0" + hex;
  }

  private static String publicKey(X509Certificate certificate) {
    try {
      return PrivateKeys.describe(certificate.getPublicKey()).toString();
    } catch (PkiException e) {
      return certificate.getPublicKey().getAlgorithm();
    }
  }

  private static String fingerprint(String algorithm, X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has " + algorithm, e);
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate can always be encoded again", e);
    }
  }
}
