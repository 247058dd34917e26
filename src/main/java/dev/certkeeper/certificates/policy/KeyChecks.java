package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.certmanager.CertificatePrivateKey;
import dev.certkeeper.api.certmanager.RotationPolicy;
import dev.certkeeper.pki.KeyDescription;
import dev.certkeeper.pki.PkiException;
import dev.certkeeper.pki.PrivateKeys;
import java.security.PrivateKey;
import java.util.List;
import java.util.Optional;

/**
 * Whether the stored private key is the one the Certificate wants. Key rotation decides what a
 * key "mismatch" means: with rotationPolicy Always every issuance makes a new key, so a stored key
 * other than the one the current request was made for is a reason to issue again; with Never the
 * stored key is the key certkeeper keeps, so only a key that does not satisfy the spec (algorithm,
 * size) triggers, and which key the last request used does not matter.
 */
final class KeyChecks {
  private KeyChecks() {}

  static Optional<Violation> secretPrivateKeyMismatchesSpec(PolicyInput input) {
    return SecretChecks.unreadable(input).or(() -> {
      List<String> violations = privateKeyViolations(input.secret().privateKey(), input.spec().effectivePrivateKey());
      return violations.isEmpty()
          ? Optional.empty()
          : Optional.of(new Violation(
              Reasons.SECRET_MISMATCH, "Existing private key is not up to date for spec: " + GoText.list(violations)));
    });
  }

  static Optional<Violation> secretPublicKeyDiffersFromCurrentCertificateRequest(PolicyInput input) {
    RequestState request = input.currentRequest();
    if (request == null || input.spec().effectivePrivateKey().effectiveRotationPolicy() == RotationPolicy.NEVER) {
      return Optional.empty();
    }
    return SecretChecks.unreadable(input).or(() -> {
      if (request.csrError() != null) {
        return Optional.of(new Violation(
            Reasons.INVALID_CERTIFICATE_REQUEST, "Failed to decode current CertificateRequest: " + request.csrError()));
      }
      try {
        return PrivateKeys.matches(input.secret().privateKey(), request.csr().publicKey())
            ? Optional.empty()
            : Optional.of(new Violation(
                Reasons.SECRET_MISMATCH, "Secret contains a private key that does not match the current CertificateRequest"));
      } catch (PkiException e) {
        return Optional.of(new Violation(
            Reasons.INVALID_CERTIFICATE_REQUEST, "CertificateRequest's public key is invalid: " + e.getMessage()));
      }
    });
  }

  /** The spec fields the key does not satisfy: its algorithm, or else its size (none for Ed25519). */
  static List<String> privateKeyViolations(PrivateKey key, CertificatePrivateKey wanted) {
    KeyDescription actual;
    try {
      actual = PrivateKeys.describe(PrivateKeys.publicKey(key));
    } catch (PkiException e) {
      // A kind of key no spec can ask for satisfies no algorithm.
      return List.of("spec.privateKey.algorithm");
    }
    if (actual.algorithm() != wanted.effectiveAlgorithm()) {
      return List.of("spec.privateKey.algorithm");
    }
    return actual.size() == wanted.effectiveSize() ? List.of() : List.of("spec.privateKey.size");
  }
}
