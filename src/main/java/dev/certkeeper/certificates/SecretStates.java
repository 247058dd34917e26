package dev.certkeeper.certificates;

import dev.certkeeper.certificates.policy.SecretState;
import dev.certkeeper.pki.Pem;
import dev.certkeeper.pki.PkiException;
import dev.certkeeper.pki.PrivateKeys;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads a target Secret into the parsed form the policy checks inspect. */
final class SecretStates {
  private SecretStates() {}

  static SecretState of(Optional<Secret> maybeSecret) {
    if (maybeSecret.isEmpty()) {
      return SecretState.missing();
    }
    Secret secret = maybeSecret.get();
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    Set<String> present = data.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isEmpty()).map(Map.Entry::getKey).collect(Collectors.toSet());
    X509Certificate certificate = null;
    String certificateError = null;
    if (present.contains(SecretState.TLS_CERT)) {
      try {
        List<X509Certificate> chain = Pem.parseCertificates(decode(data.get(SecretState.TLS_CERT)));
        if (chain.isEmpty()) {
          certificateError = "tls.crt holds no PEM certificate";
        } else {
          certificate = chain.get(0);
        }
      } catch (PkiException | IllegalArgumentException e) {
        certificateError = e.getMessage();
      }
    }
    PrivateKey key = null;
    String keyError = null;
    if (present.contains(SecretState.TLS_KEY)) {
      try {
        key = PrivateKeys.parsePem(decode(data.get(SecretState.TLS_KEY)));
      } catch (PkiException | IllegalArgumentException e) {
        keyError = e.getMessage();
      }
    }
    return new SecretState(true, secret.getMetadata().getAnnotations(), present, certificate, certificateError, key, keyError);
  }

  static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
