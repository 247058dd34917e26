package dev.certkeeper.ingressshim;

import dev.certkeeper.api.certmanager.Certificate;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a Certificate the ingress-shim controls still is what its Ingress asks for, compared on
 * what the shim decides: the labels, the annotations it manages, and the spec. The spec is the
 * Ingress's whole: a hand edit to any field of it is put back, where cert-manager compares a
 * subset of fields and lets edits to the others (usages, subject, …) stand until the next change.
 */
final class CertificateChanges {
  private CertificateChanges() {}

  /**
   * The Certificate to write when {@code existing} differs from {@code desired}: its own metadata
   * (so the write is checked against its resourceVersion) with the desired labels and managed
   * annotations, and the desired spec. Empty when nothing differs, so nothing is written.
   */
  static Optional<Certificate> update(Certificate existing, Certificate desired, Set<String> managedAnnotations) {
    Map<String, String> existingAnnotations = orEmpty(existing.getMetadata().getAnnotations());
    Map<String, String> desiredAnnotations = orEmpty(desired.getMetadata().getAnnotations());
    boolean sameLabels = orEmpty(existing.getMetadata().getLabels()).equals(orEmpty(desired.getMetadata().getLabels()));
    boolean sameAnnotations =
        managedAnnotations.stream().allMatch(key -> Objects.equals(existingAnnotations.get(key), desiredAnnotations.get(key)));
    if (sameLabels && sameAnnotations && Objects.equals(existing.getSpec(), desired.getSpec())) {
      return Optional.empty();
    }
    Map<String, String> annotations = new LinkedHashMap<>(existingAnnotations);
    annotations.keySet().removeAll(managedAnnotations);
    annotations.putAll(desiredAnnotations);
    Certificate updated = new Certificate();
    updated.setMetadata(
        new ObjectMetaBuilder(existing.getMetadata())
            .withLabels(orEmpty(desired.getMetadata().getLabels()))
            .withAnnotations(annotations)
            .build());
    updated.setSpec(desired.getSpec());
    return Optional.of(updated);
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
