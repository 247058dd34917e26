package dev.certkeeper.issuers;

import dev.certkeeper.pki.Pem;
import dev.certkeeper.pki.PkiException;
import dev.certkeeper.pki.PrivateKeys;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The signing key pair of a CA issuer, read from its {@code kubernetes.io/tls} Secret: the CA
 * certificate (with any chain above it) and its private key, checked to belong together and to be
 * a CA. {@link #problem()} says what is wrong, in words that name the Secret.
 */
public record CaKeyPair(List<X509Certificate> chain, PrivateKey key, String reason, Optional<String> problem) {

  /** The CA certificate itself: the first in {@code tls.crt}. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** Reads and checks the key pair; {@code secret} is empty when the Secret does not exist. */
  public static CaKeyPair read(String namespace, String name, Optional<Secret> secret, Instant now) {
    String where = "Secret \"" + namespace + "/" + name + "\"";
    if (secret.isEmpty()) {
      return failed("ErrGetKeyPair", where + " does not exist: create it with the CA's tls.crt and tls.key");
    }
    String certificatePem = decoded(secret.get(), "tls.crt");
    String keyPem = decoded(secret.get(), "tls.key");
    if (certificatePem == null) {
      return failed("ErrInvalidKeyPair", where + " has no tls.crt holding the CA certificate");
    }
    if (keyPem == null) {
      return failed("ErrInvalidKeyPair", where + " has no tls.key holding the CA's private key");
    }
    List<X509Certificate> chain;
    PrivateKey key;
    try {
      chain = Pem.parseCertificates(certificatePem);
      key = PrivateKeys.parsePem(keyPem);
    } catch (PkiException e) {
      return failed("ErrInvalidKeyPair", where + ": " + e.getMessage());
    }
    if (chain.isEmpty()) {
      return failed("ErrInvalidKeyPair", where + " has no certificate in tls.crt");
    }
    X509Certificate ca = chain.get(0);
    if (!PrivateKeys.matches(key, ca.getPublicKey())) {
      return failed("ErrInvalidKeyPair", where + ": the private key in tls.key does not belong to the certificate in tls.crt");
    }
    boolean[] usage = ca.getKeyUsage();
    if (ca.getBasicConstraints() < 0 || (usage != null && !usage[5])) {
      return failed(
          "ErrInvalidKeyPair",
          where + ": the certificate in tls.crt (" + ca.getSubjectX500Principal().getName() + ") is not a CA certificate, so it cannot sign");
    }
    if (ca.getNotAfter().toInstant().isBefore(now)) {
      return failed("ErrInvalidKeyPair", where + ": the CA certificate expired on " + ca.getNotAfter().toInstant());
    }
    return new CaKeyPair(chain, key, "KeyPairVerified", Optional.empty());
  }

  /** The issuer names no Secret (an empty {@code spec.ca.secretName}, which the CRD admits as cert-manager's does). */
  public static CaKeyPair unnamed() {
    return failed("ErrGetKeyPair", "spec.ca.secretName is empty: name the Secret holding the CA's tls.crt and tls.key");
  }

  /** The Secret could not be read at all; {@code why} is the API server's answer. */
  public static CaKeyPair unreadable(String namespace, String name, String why) {
    return failed("ErrGetKeyPair", "cannot read Secret \"" + namespace + "/" + name + "\" holding the CA key pair: " + why);
  }

  private static CaKeyPair failed(String reason, String message) {
    return new CaKeyPair(List.of(), null, reason, Optional.of(message));
  }

  private static String decoded(Secret secret, String key) {
    String value = secret.getData() == null ? null : secret.getData().get(key);
    return value == null || value.isEmpty() ? null : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
  }
}
