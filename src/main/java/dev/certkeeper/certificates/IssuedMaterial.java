package dev.certkeeper.certificates;

import dev.certkeeper.pki.Pem;
import dev.certkeeper.pki.PkiException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What goes into a Certificate's Secret: the private key (as stored PEM and parsed), the
 * certificate chain (leaf first), the CA text the issuer gave (null for none) with its
 * certificates, and whether the certificate is only the temporary one written while the real one
 * is issued.
 */
public record IssuedMaterial(
    String privateKeyPem, PrivateKey privateKey, List<X509Certificate> chain, String caPem, List<X509Certificate> cas, boolean temporary) {
  /** Issued material, with the CA certificates read from the issuer's CA text (null or empty when it gave none). */
  static IssuedMaterial issued(String privateKeyPem, PrivateKey privateKey, List<X509Certificate> chain, String caPem) throws PkiException {
    String ca = caPem == null || caPem.isEmpty() ? null : caPem;
    return new IssuedMaterial(privateKeyPem, privateKey, chain, ca, ca == null ? List.of() : Pem.parseCertificates(ca), false);
  }

  /** The issued certificate itself. */
  public X509Certificate leaf() {
    return chain.get(0);
  }
}
