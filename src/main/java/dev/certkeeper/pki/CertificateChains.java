package dev.certkeeper.pki;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/** Whether a certificate chain links up: each certificate signed by the next, the last by a trust anchor. */
public final class CertificateChains {
  private CertificateChains() {}

  /** The verdict on a chain, with a sentence saying how it ends or where it breaks. */
  public record Verdict(boolean linked, String description) {}

  /**
   * Checks a leaf-first chain against anchors (a Secret's ca.crt, possibly empty). A chain whose
   * last certificate is issued by a CA the anchors do not hold is linked as far as can be seen, and
   * the description says so: ACME issuers, for one, store no ca.crt.
   */
  public static Verdict check(List<X509Certificate> chain, List<X509Certificate> anchors) {
    if (chain.isEmpty()) {
      return new Verdict(false, "there is no certificate");
    }
    for (int i = 0; i < chain.size() - 1; i++) {
      if (!signedBy(chain.get(i), chain.get(i + 1))) {
        return new Verdict(false, "certificate " + (i + 1) + " (" + chain.get(i).getSubjectX500Principal().getName() + ") is not signed by certificate "
            + (i + 2) + " (" + chain.get(i + 1).getSubjectX500Principal().getName() + ")");
      }
    }
    X509Certificate last = chain.get(chain.size() - 1);
    String links = chain.size() == 1 ? "the certificate" : "each certificate is signed by the next; the last";
    String issuer = last.getIssuerX500Principal().getName();
    if (anchors.contains(last) || anchors.stream().anyMatch(anchor -> signedBy(last, anchor))) {
      return new Verdict(true, links + " is signed by a certificate of ca.crt");
    }
    if (!anchors.isEmpty()) {
      return new Verdict(false, links + " is not signed by any certificate of ca.crt (its issuer is " + issuer + ")");
    }
    if (selfSigned(last)) {
      return new Verdict(true, links + " is self-signed");
    }
    return new Verdict(true, links + " is issued by " + issuer + ", which the Secret does not hold (no ca.crt)");
  }

  /** Whether the certificate is issued by its own subject and verifies with its own key: a root. */
  public static boolean selfSigned(X509Certificate certificate) {
    return signedBy(certificate, certificate);
  }

  private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
    if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return false;
    }
    try {
      certificate.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
