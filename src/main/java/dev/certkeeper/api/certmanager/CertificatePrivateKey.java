package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.ValidationRule;

/** The private key options of a Certificate; unset fields take cert-manager's defaults. */
@ApiType
// As cert-manager: a size of 0 or less means the default, and Ed25519 ignores the size.
@ValidationRule(
    value = "!has(self.size) || self.size <= 0 || (has(self.algorithm) && self.algorithm != 'RSA') || (self.size >= 2048 && self.size <= 8192)",
    message = "privateKey.size for RSA must be between 2048 and 8192 bits (for example 2048, 3072 or 4096)")
@ValidationRule(
    value = "!has(self.size) || self.size <= 0 || !has(self.algorithm) || self.algorithm != 'ECDSA' || self.size in [256, 384, 521]",
    message = "privateKey.size for ECDSA must be 256, 384 or 521 (the curves P-256, P-384 and P-521)")
public record CertificatePrivateKey(
    RotationPolicy rotationPolicy, PrivateKeyEncoding encoding, PrivateKeyAlgorithm algorithm, Integer size) {

  /** The algorithm, RSA by default. */
  public PrivateKeyAlgorithm effectiveAlgorithm() {
    return algorithm == null ? PrivateKeyAlgorithm.RSA : algorithm;
  }

  /**
   * The key size in bits: RSA 2048 and ECDSA 256 when unset or not positive (as cert-manager);
   * 0 for Ed25519, which has no size and ignores the one given.
   */
  public int effectiveSize() {
    return switch (effectiveAlgorithm()) {
      case RSA -> size == null || size <= 0 ? 2048 : size;
      case ECDSA -> size == null || size <= 0 ? 256 : size;
      case ED25519 -> 0;
    };
  }

  /** The encoding of tls.key: PKCS#1 by default, PKCS#8 always for Ed25519. */
  public PrivateKeyEncoding effectiveEncoding() {
    if (effectiveAlgorithm() == PrivateKeyAlgorithm.ED25519) {
      return PrivateKeyEncoding.PKCS8;
    }
    return encoding == null ? PrivateKeyEncoding.PKCS1 : encoding;
  }

  /** The rotation policy, Always by default (as cert-manager since 1.18). */
  public RotationPolicy effectiveRotationPolicy() {
    return rotationPolicy == null ? RotationPolicy.ALWAYS : rotationPolicy;
  }
}
