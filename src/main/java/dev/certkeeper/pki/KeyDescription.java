package dev.certkeeper.pki;

import dev.certkeeper.api.certmanager.CertificatePrivateKey;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;

/**
 * The algorithm and size of a key as a Certificate's {@code privateKey} names them: RSA modulus
 * bits, the ECDSA curve's field size (256, 384, 521), and 0 for Ed25519.
 */
public record KeyDescription(PrivateKeyAlgorithm algorithm, int size) {

  /** What a Certificate's private key options ask for, defaults applied. */
  public static KeyDescription of(CertificatePrivateKey spec) {
    return new KeyDescription(spec.effectiveAlgorithm(), spec.effectiveSize());
  }

  @Override
  public String toString() {
    return switch (algorithm) {
      case RSA -> "RSA " + size;
      case ECDSA -> "ECDSA P-" + size;
      case ED25519 -> "Ed25519";
    };
  }
}
