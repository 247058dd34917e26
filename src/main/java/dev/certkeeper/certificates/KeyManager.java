package dev.certkeeper.certificates;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificatePrivateKey;
import dev.certkeeper.api.certmanager.RotationPolicy;
import dev.certkeeper.kube.EventRecorder;
import dev.certkeeper.kube.OwnerReferences;
import dev.certkeeper.pki.KeyDescription;
import dev.certkeeper.pki.PkiException;
import dev.certkeeper.pki.PrivateKeys;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The key manager: keeps the private key for the next issuance in a Secret of its own, owned by
 * the Certificate, until the certificate for it is stored. A crash at any point finds the key there
 * again, so a key is never lost and never generated twice for one issuance.
 */
final class KeyManager {
  private final KubernetesClient client;
  private final EventRecorder events;

  KeyManager(KubernetesClient client, EventRecorder events) {
    this.client = client;
    this.events = events;
  }

  /** The next private key and the Secret holding it: reused if it fits the spec, else made. */
  NextKey ensure(Certificate certificate, List<Secret> nextKeySecrets, Optional<PrivateKey> currentKey) {
    CertificatePrivateKey spec = certificate.getSpec().effectivePrivateKey();
    boolean pinned = spec.effectiveRotationPolicy() == RotationPolicy.NEVER && currentKey.isPresent();
    for (Secret existing : nextKeySecrets) {
      Optional<PrivateKey> key = keyOf(existing).filter(k -> PrivateKeys.satisfies(PrivateKeys.publicKey(k), spec));
      // Under rotationPolicy Never only the kept key itself may be next: a new one made before the
      // policy changed (an issuance still failing under Always) would replace it behind the user's back.
      boolean allowed = key.isPresent() && (!pinned || PrivateKeys.matches(currentKey.get(), PrivateKeys.publicKey(key.get())));
      if (allowed) {
        return new NextKey(existing.getMetadata().getName(), pemOf(existing), key.get(), Optional.empty());
      }
      // A key of the wrong kind (the spec changed) is replaced, never used.
      client.resource(existing).delete();
      events.normal(certificate, "Deleted", key.isPresent()
          ? "Discarded the next private key in Secret \"" + existing.getMetadata().getName() + "\": rotationPolicy Never keeps the key in Secret \""
              + certificate.getSpec().secretName() + "\""
          : "Regenerating private key due to change in fields: spec.privateKey");
    }
    String pem;
    PrivateKey key;
    String verb;
    Optional<PrivateKey> reusable = currentKey.filter(k -> PrivateKeys.satisfies(PrivateKeys.publicKey(k), spec));
    if (spec.effectiveRotationPolicy() == RotationPolicy.NEVER && currentKey.isPresent() && reusable.isEmpty()) {
      // As cert-manager: a key kept on purpose (pinned, in a TLSA record) is never replaced behind the user's back.
      throw new CannotRegenerateKey(
          "User intervention required: the private key in Secret \"" + certificate.getSpec().secretName() + "\" is "
              + PrivateKeys.describe(PrivateKeys.publicKey(currentKey.get())) + " but spec.privateKey asks for " + KeyDescription.of(spec)
              + ", and rotationPolicy Never keeps the key: set spec.privateKey.rotationPolicy to Always to have a new key made, or ask for the key's algorithm and size again");
    }
    if (spec.effectiveRotationPolicy() == RotationPolicy.NEVER && reusable.isPresent()) {
      key = reusable.get();
      verb = "Reusing private key stored in existing Secret resource \"" + certificate.getSpec().secretName() + "\"";
    } else {
      key = PrivateKeys.generate(spec).getPrivate();
      verb = null;
    }
    pem = PrivateKeys.toPem(key, spec.effectiveEncoding());
    Secret created = client.resource(nextKeySecret(certificate, pem)).create();
    String name = created.getMetadata().getName();
    if (verb == null) {
      events.normal(certificate, "Generated", "Stored new private key in temporary Secret resource \"" + name + "\"");
    } else {
      events.normal(certificate, "Reused", verb);
    }
    return new NextKey(name, pem, key, Optional.of(created));
  }

  /** The spec asks for another kind of key than the one rotationPolicy Never keeps; the message says what to do. */
  static final class CannotRegenerateKey extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CannotRegenerateKey(String message) {
      super(message);
    }
  }

  /** Deletes next-key Secrets left when no issuance is running (after success, or a crash). */
  void cleanUp(List<Secret> nextKeySecrets) {
    nextKeySecrets.forEach(secret -> client.resource(secret).delete());
  }

  private static Secret nextKeySecret(Certificate certificate, String pem) {
    return new SecretBuilder()
        .withNewMetadata()
        .withGenerateName(certificate.getMetadata().getName() + "-")
        .withNamespace(certificate.getMetadata().getNamespace())
        .addToLabels(Annotations.NEXT_PRIVATE_KEY_LABEL, "true")
        .addToLabels(Annotations.FAO_LABEL, "true")
        .withOwnerReferences(
            OwnerReferences.controlledBy(certificate))
        .endMetadata()
        .withType("Opaque")
        .addToData("tls.key", Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  private static String pemOf(Secret secret) {
    String value = secret.getData() == null ? null : secret.getData().get("tls.key");
    return value == null ? "" : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
  }

  private static Optional<PrivateKey> keyOf(Secret secret) {
    try {
      return Optional.of(PrivateKeys.parsePem(pemOf(secret)));
    } catch (PkiException e) {
      return Optional.empty();
    }
  }

  /** The next private key: the Secret it is stored in, its PEM, the key, and the Secret as created if this call created it. */
  record NextKey(String secretName, String pem, PrivateKey key, Optional<Secret> created) {}
}
