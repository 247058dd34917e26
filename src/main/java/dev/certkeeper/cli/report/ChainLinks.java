package dev.certkeeper.cli.report;

import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.certificates.Annotations;
import dev.certkeeper.kube.OwnerReferences;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which objects of a namespace belong to one Certificate's chain: each link is found through the
 * controller reference of the one before it, by uid, so a namesake is never taken for it.
 */
public final class ChainLinks {
  private ChainLinks() {}

  /**
   * The CertificateRequest to show, as cmctl chooses it: the one for the next revision while it
   * exists (an issuance in progress or failed), else the one for the current revision.
   */
  public static Optional<CertificateRequest> request(Certificate certificate, List<CertificateRequest> requests) {
    int current = certificate.getStatus() == null || certificate.getStatus().revision() == null ? 0 : certificate.getStatus().revision();
    List<CertificateRequest> owned = requests.stream().filter(r -> OwnerReferences.isControlledBy(r, certificate)).toList();
    return withRevision(owned, current + 1).or(() -> withRevision(owned, current));
  }

  /** The newest Order made for the request. */
  public static Optional<Order> order(CertificateRequest request, List<Order> orders) {
    return orders.stream()
        .filter(o -> OwnerReferences.isControlledBy(o, request))
        .max(Comparator.comparing(o -> Optional.ofNullable(o.getMetadata().getCreationTimestamp()).orElse("")));
  }

  /** The Challenges of the Order, by domain. */
  public static List<Challenge> challenges(Order order, List<Challenge> challenges) {
    return challenges.stream()
        .filter(c -> OwnerReferences.isControlledBy(c, order))
        .sorted(Comparator.comparing((Challenge c) -> c.getSpec() == null ? "" : c.getSpec().dnsName()).thenComparing(c -> c.getMetadata().getName()))
        .toList();
  }

  private static Optional<CertificateRequest> withRevision(List<CertificateRequest> requests, int revision) {
    return requests.stream().filter(r -> String.valueOf(revision).equals(Annotations.value(r, Annotations.CERTIFICATE_REVISION).orElse(null))).findFirst();
  }
}
