package dev.certkeeper.certificates.policy;

import dev.certkeeper.pki.PkiException;
import dev.certkeeper.pki.PrivateKeys;
import java.util.Optional;

/** Whether the target Secret exists and holds a readable certificate with its own private key. */
final class SecretChecks {
  private SecretChecks() {}

  static Optional<Violation> secretDoesNotExist(PolicyInput input) {
    return input.secret().exists()
        ? Optional.empty()
        : Optional.of(new Violation(Reasons.DOES_NOT_EXIST, "Issuing certificate as Secret does not exist"));
  }

  static Optional<Violation> secretIsMissingData(PolicyInput input) {
    SecretState secret = input.secret();
    if (secret.dataKeys().isEmpty()) {
      return missingData("any data");
    }
    if (!secret.dataKeys().contains(SecretState.TLS_KEY)) {
      return missingData("a private key");
    }
    if (!secret.dataKeys().contains(SecretState.TLS_CERT)) {
      return missingData("a certificate");
    }
    return Optional.empty();
  }

  static Optional<Violation> secretPublicKeysDiffer(PolicyInput input) {
    return unreadable(input).or(() -> keyPairMismatch(input.secret()));
  }

  /**
   * The first reason there is no parsed certificate and key to look at. Every check that reads them
   * starts with this, so each check reports correctly on its own and not only behind the ones
   * before it in a chain.
   */
  static Optional<Violation> unreadable(PolicyInput input) {
    return secretDoesNotExist(input).or(() -> secretIsMissingData(input)).or(() -> unparsable(input.secret()));
  }

  private static Optional<Violation> unparsable(SecretState secret) {
    if (secret.privateKeyError() != null) {
      return Optional.of(new Violation(
          Reasons.INVALID_KEY_PAIR,
          "Issuing certificate as Secret contains invalid private key data: " + secret.privateKeyError()));
    }
    if (secret.certificateError() != null) {
      return Optional.of(new Violation(
          Reasons.INVALID_CERTIFICATE,
          "Issuing certificate as Secret contains an invalid certificate: " + secret.certificateError()));
    }
    return Optional.empty();
  }

  private static Optional<Violation> keyPairMismatch(SecretState secret) {
    try {
      return PrivateKeys.matches(secret.privateKey(), secret.certificate().getPublicKey())
          ? Optional.empty()
          : Optional.of(new Violation(
              Reasons.INVALID_KEY_PAIR,
              "Issuing certificate as Secret contains a private key that does not match the certificate"));
    } catch (PkiException e) {
      return Optional.of(new Violation(Reasons.INVALID_KEY_PAIR, "Secret contains an invalid key-pair: " + e.getMessage()));
    }
  }

  private static Optional<Violation> missingData(String what) {
    return Optional.of(new Violation(Reasons.MISSING_DATA, "Issuing certificate as Secret does not contain " + what));
  }
}
