package dev.certkeeper.certificates;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.CertificateRequestSpec;
import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.kube.EventRecorder;
import dev.certkeeper.kube.OwnerReferences;
import dev.certkeeper.certificates.policy.RequestMismatches;
import dev.certkeeper.pki.CertificateSigningRequests;
import dev.certkeeper.pki.ParsedRequest;
import dev.certkeeper.pki.PkiException;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request manager: makes exactly one CertificateRequest per revision, named
 * {@code <certificate>-<revision>}, whose CSR is built from the spec and the next private key.
 * A request that no longer fits (other key, changed spec, or failed and due for a retry) is
 * deleted first, so two live requests for one revision never exist.
 */
final class RequestManager {
  /** Annotations of the Certificate that are not copied to its requests, as cert-manager's default. */
  private static final List<String> NOT_COPIED = List.of("kubectl.kubernetes.io/", "fluxcd.io/", "argocd.argoproj.io/");

  private final KubernetesClient client;
  private final EventRecorder events;

  RequestManager(KubernetesClient client, EventRecorder events) {
    this.client = client;
    this.events = events;
  }

  /**
   * Whether an existing request for this revision can be waited on: its CSR says what a CSR built
   * now from the spec and the next key would say (only the signature differs between two builds),
   * and its other fields match the spec.
   */
  static boolean fits(CertificateRequest request, KeyPair nextKey, CertificateSpec spec) {
    try {
      ParsedRequest existing = CertificateSigningRequests.read(new String(Base64.getDecoder().decode(request.getSpec().request()), StandardCharsets.UTF_8));
      return existing.equals(CertificateSigningRequests.expected(spec, nextKey.getPublic()))
          && RequestMismatches.of(request.getSpec(), existing, spec).isEmpty();
    } catch (PkiException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Creates the request for this revision; any old request of that name must be gone.
   *
   * @param replaces the ARI CertID of the certificate an ACME order replaces, if any
   * @param issuerGeneration the issuer's metadata.generation now, if the issuer is known
   * @param attempt which issuance attempt of this revision the request is
   */
  CertificateRequest create(
      Certificate certificate, int revision, KeyPair nextKey, String nextKeySecretName, Optional<String> replaces, Optional<Long> issuerGeneration,
      int attempt) {
    CertificateSpec spec = certificate.getSpec();
    String csr = CertificateSigningRequests.create(spec, nextKey);
    Map<String, String> annotations = new LinkedHashMap<>();
    Optional.ofNullable(certificate.getMetadata().getAnnotations())
        .ifPresent(a -> a.forEach((k, v) -> {
          if (NOT_COPIED.stream().noneMatch(k::startsWith)) {
            annotations.put(k, v);
          }
        }));
    annotations.put(Annotations.CERTIFICATE_NAME, certificate.getMetadata().getName());
    annotations.put(Annotations.CERTIFICATE_REVISION, Integer.toString(revision));
    annotations.put(Annotations.PRIVATE_KEY_SECRET_NAME, nextKeySecretName);
    // Only the controller says what a request replaces, never an annotation copied from the Certificate.
    annotations.remove(Annotations.ACME_REPLACES);
    replaces.ifPresent(id -> annotations.put(Annotations.ACME_REPLACES, id));
    annotations.remove(Annotations.ISSUER_GENERATION);
    issuerGeneration.ifPresent(generation -> annotations.put(Annotations.ISSUER_GENERATION, Long.toString(generation)));
    annotations.put(Annotations.ISSUANCE_ATTEMPT, Integer.toString(attempt));
    CertificateRequest request = new CertificateRequest();
    request.setMetadata(
        new ObjectMetaBuilder()
            .withName(RequestNames.of(certificate.getMetadata().getName(), revision))
            .withNamespace(certificate.getMetadata().getNamespace())
            .withLabels(certificate.getMetadata().getLabels())
            .withAnnotations(annotations)
            .withOwnerReferences(
                OwnerReferences.controlledBy(certificate))
            .build());
    request.setSpec(
        new CertificateRequestSpec(
            spec.duration(),
            spec.issuerRef(),
            Base64.getEncoder().encodeToString(csr.getBytes(StandardCharsets.UTF_8)),
            spec.effectiveIsCA() ? Boolean.TRUE : null,
            spec.effectiveUsages(),
            null,
            null,
            null,
            null));
    CertificateRequest created = client.resource(request).create();
    events.normal(certificate, "Requested", "Created new CertificateRequest resource \"" + created.getMetadata().getName() + "\"");
    return created;
  }

  /** Deletes a request that will not be waited on. */
  void delete(CertificateRequest request) {
    client.resource(request).delete();
  }
}
