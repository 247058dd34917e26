package dev.certkeeper.cli.report;

import dev.certkeeper.pki.CertificateChains;
import dev.certkeeper.pki.Pem;
import dev.certkeeper.pki.PkiException;
import dev.certkeeper.pki.PrivateKeys;
import io.fabric8.kubernetes.api.model.Secret;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code certkeeper inspect secret}: what a TLS Secret holds — every certificate of tls.crt and
 * whether they link up to ca.crt, the private key and whether it belongs to the leaf, ca.crt, and
 * the cert-manager.io annotations. A part that cannot be read has a problem saying why instead of
 * details; the chain is checked only when tls.crt and ca.crt can be read.
 */
public record SecretReport(
    String name,
    String namespace,
    String type,
    List<String> keys,
    Map<String, String> annotations,
    List<CertificateDetails> chain,
    String chainProblem,
    CertificateChains.Verdict chainCheck,
    PrivateKeyDetails privateKey,
    List<CertificateDetails> ca,
    String caProblem) {

  private static final String ANNOTATION_PREFIX = "cert-manager.io/";

  /** The private key of tls.key: its algorithm and size, and whether the leaf certificate is for it (null when unknown). */
  public record PrivateKeyDetails(String algorithm, Boolean matchesLeaf, String problem) {}

  /** Whether tls.crt holds at least one readable certificate: what a script asking "is this a TLS Secret?" wants. */
  public boolean hasCertificate() {
    return !chain.isEmpty();
  }

  /** The report of the Secret as read. */
  public static SecretReport of(Secret secret) {
    Map<String, String> annotations = new TreeMap<>();
    Optional.ofNullable(secret.getMetadata().getAnnotations()).orElse(Map.of()).forEach((key, value) -> {
      if (key.startsWith(ANNOTATION_PREFIX)) {
        annotations.put(key, value);
      }
    });
    List<String> keys = secret.getData() == null ? List.of() : secret.getData().keySet().stream().sorted().toList();

    Certificates chain = Certificates.read(secret, "tls.crt", true);
    Certificates ca = Certificates.read(secret, "ca.crt", false);
    return new SecretReport(
        secret.getMetadata().getName(),
        secret.getMetadata().getNamespace(),
        secret.getType(),
        keys,
        annotations,
        details(chain.certificates()),
        chain.problem(),
        chain.certificates().isEmpty() || ca.problem() != null ? null : CertificateChains.check(chain.certificates(), ca.certificates()),
        privateKey(secret, chain.certificates()),
        details(ca.certificates()),
        ca.problem());
  }

  /** The certificates of one key of the Secret, or why they cannot be read. */
  private record Certificates(List<X509Certificate> certificates, String problem) {
    static Certificates read(Secret secret, String key, boolean required) {
      Optional<String> pem = SecretData.text(secret, key);
      if (pem.isEmpty()) {
        return new Certificates(List.of(), required ? "the Secret has no " + key : null);
      }
      try {
        return new Certificates(Pem.parseCertificates(pem.get()), null);
      } catch (PkiException e) {
        return new Certificates(List.of(), key + ": " + e.getMessage());
      }
    }
  }

  private static PrivateKeyDetails privateKey(Secret secret, List<X509Certificate> chain) {
    Optional<String> pem = SecretData.text(secret, "tls.key");
    if (pem.isEmpty() || pem.get().isBlank()) {
      return new PrivateKeyDetails(null, null, "the Secret has no tls.key");
    }
    try {
      PrivateKey key = PrivateKeys.parsePem(pem.get());
      String algorithm = PrivateKeys.describe(PrivateKeys.publicKey(key)).toString();
      Boolean matches = chain.isEmpty() ? null : PrivateKeys.matches(key, chain.get(0).getPublicKey());
      return new PrivateKeyDetails(algorithm, matches, null);
    } catch (PkiException e) {
      return new PrivateKeyDetails(null, null, "tls.key: " + e.getMessage());
    }
  }

  private static List<CertificateDetails> details(List<X509Certificate> certificates) {
    return certificates.stream().map(CertificateDetails::of).toList();
  }
}
