package dev.certkeeper.certificates;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateKeystores;
import dev.certkeeper.api.meta.SecretKeySelector;
import dev.certkeeper.kube.EventRecorder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The passwords of the keystores a Certificate asks for: a literal {@code password} or a key of a
 * Secret. A keystore whose password Secret is missing is left out, with a warning Event, rather
 * than holding up the certificate itself.
 */
record KeystorePasswords(Optional<char[]> pkcs12, Optional<char[]> jks, List<String> missing) {
  /** No keystore at all. */
  static final KeystorePasswords NONE = new KeystorePasswords(Optional.empty(), Optional.empty());

  /** @param missing for each keystore asked for whose password Secret is missing, which and why */
  KeystorePasswords {
    missing = List.copyOf(missing);
  }

  KeystorePasswords(Optional<char[]> pkcs12, Optional<char[]> jks) {
    this(pkcs12, jks, List.of());
  }

  /** The passwords; {@code events} is warned of a missing password Secret, or null to read quietly. */
  static KeystorePasswords read(KubernetesClient client, Certificate certificate, EventRecorder events) {
    CertificateKeystores keystores = certificate.getSpec().keystores();
    if (keystores == null) {
      return NONE;
    }
    List<String> missing = new ArrayList<>();
    Optional<char[]> pkcs12 =
        keystores.pkcs12() != null && Boolean.TRUE.equals(keystores.pkcs12().create())
            ? password(client, certificate, events, "pkcs12", keystores.pkcs12().password(), keystores.pkcs12().passwordSecretRef(), missing)
            : Optional.empty();
    Optional<char[]> jks =
        keystores.jks() != null && Boolean.TRUE.equals(keystores.jks().create())
            ? password(client, certificate, events, "jks", keystores.jks().password(), keystores.jks().passwordSecretRef(), missing)
            : Optional.empty();
    return new KeystorePasswords(pkcs12, jks, missing);
  }

  private static Optional<char[]> password(
      KubernetesClient client, Certificate certificate, EventRecorder events, String keystore, String literal, SecretKeySelector ref, List<String> missing) {
    if (literal != null) {
      return Optional.of(literal.toCharArray());
    }
    String namespace = certificate.getMetadata().getNamespace();
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.name()).get();
    String key = ref.keyOr("password");
    String value = secret == null || secret.getData() == null ? null : secret.getData().get(key);
    if (value == null) {
      String why = "the " + keystore + " keystore is not written: Secret \"" + namespace + "/" + ref.name() + "\" with key \"" + key + "\" holding its password does not exist";
      missing.add(why);
      if (events != null) {
        events.warning(certificate, "KeystorePasswordSecretNotFound", why);
      }
      return Optional.empty();
    }
    return Optional.of(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8).toCharArray());
  }
}
