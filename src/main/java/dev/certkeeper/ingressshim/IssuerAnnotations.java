package dev.certkeeper.ingressshim;

import dev.certkeeper.api.meta.IssuerReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cert-manager's {@code issuerForIngressLike}: the issuer an Ingress names through
 * {@code cert-manager.io/issuer} or {@code cert-manager.io/cluster-issuer} (kind and group
 * overridable for external issuers), or the operator's default issuer for an auto-certificate
 * annotation such as {@code kubernetes.io/tls-acme}.
 */
final class IssuerAnnotations {
  private IssuerAnnotations() {}

  /** The issuer reference, or null after adding the problems that keep it from being decided. */
  static IssuerReference read(Map<String, String> annotations, IngressShimOptions options, List<String> problems) {
    Optional<String> issuer = Optional.ofNullable(annotations.get(IngressAnnotations.ISSUER));
    Optional<String> clusterIssuer = Optional.ofNullable(annotations.get(IngressAnnotations.CLUSTER_ISSUER));
    Optional<String> kind = Optional.ofNullable(annotations.get(IngressAnnotations.ISSUER_KIND));
    Optional<String> group = Optional.ofNullable(annotations.get(IngressAnnotations.ISSUER_GROUP));
    int before = problems.size();
    if (issuer.isPresent() && clusterIssuer.isPresent()) {
      problems.add(
          both(IngressAnnotations.ISSUER, IngressAnnotations.CLUSTER_ISSUER) + ": keep the one naming the issuer to use");
    }
    if (clusterIssuer.isPresent() && kind.isPresent()) {
      problems.add(
          both(IngressAnnotations.CLUSTER_ISSUER, IngressAnnotations.ISSUER_KIND)
              + ": remove the kind, or for an external issuer use \"" + IngressAnnotations.ISSUER + "\" with it");
    }
    if (clusterIssuer.isPresent() && group.isPresent()) {
      problems.add(
          both(IngressAnnotations.CLUSTER_ISSUER, IngressAnnotations.ISSUER_GROUP)
              + ": remove the group, or for an external issuer use \"" + IngressAnnotations.ISSUER + "\" with it");
    }
    String name = clusterIssuer.or(() -> issuer).orElse(options.defaultIssuerName());
    String resolvedKind =
        kind.orElse(clusterIssuer.isPresent() ? IssuerReference.CLUSTER_ISSUER : issuer.isPresent() ? IssuerReference.ISSUER : options.defaultIssuerKind());
    String resolvedGroup = group.orElse(options.defaultIssuerGroup());
    if (name == null || name.isEmpty()) {
      problems.add(
          "no issuer is named: set \"" + IngressAnnotations.ISSUER + "\" or \"" + IngressAnnotations.CLUSTER_ISSUER
              + "\", or start the operator with --default-issuer-name for " + String.join(", ", options.autoCertificateAnnotations()));
    }
    IssuerReference reference = new IssuerReference(name, resolvedKind, resolvedGroup);
    if (!reference.external() && !List.of(IssuerReference.ISSUER, IssuerReference.CLUSTER_ISSUER).contains(reference.effectiveKind())) {
      problems.add(
          "issuer kind " + GoValues.quote(resolvedKind) + " is not a kind of " + IssuerReference.GROUP + " (Issuer or ClusterIssuer)"
              + ": for an external issuer also set \"" + IngressAnnotations.ISSUER_GROUP + "\" to its API group");
    }
    return problems.size() > before ? null : reference;
  }

  private static String both(String first, String second) {
    return "annotations \"" + first + "\" and \"" + second + "\" cannot be used together";
  }
}
