package dev.certkeeper.certificates;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What an issuance produced: the private key (as stored PEM and parsed), the certificate chain
 * (leaf first) and the CA certificate, if the issuer gave one.
 */
public record IssuedMaterial(String privateKeyPem, PrivateKey privateKey, List<X509Certificate> chain, X509Certificate ca) {
  /** The issued certificate itself. */
  public X509Certificate leaf() {
    return chain.get(0);
  }
}
