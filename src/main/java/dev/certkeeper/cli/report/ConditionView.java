package dev.certkeeper.cli.report;

import dev.certkeeper.api.certmanager.CertificateRequestCondition;
import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.api.meta.ConditionStatus;
import java.util.List;
import java.util.Locale;

/** One condition of any certkeeper object: type, status, reason, message and when it last changed. */
public record ConditionView(String type, String status, String reason, String message, String lastTransitionTime) {

  /** The conditions of a Certificate, Issuer or ClusterIssuer, in their order. */
  public static List<ConditionView> of(List<Condition> conditions) {
    return conditions == null
        ? List.of()
        : conditions.stream().map(c -> new ConditionView(c.type(), status(c.status()), c.reason(), c.message(), c.lastTransitionTime())).toList();
  }

  /** The conditions of a CertificateRequest, in their order. */
  public static List<ConditionView> ofRequest(List<CertificateRequestCondition> conditions) {
    return conditions == null
        ? List.of()
        : conditions.stream().map(c -> new ConditionView(c.type(), status(c.status()), c.reason(), c.message(), c.lastTransitionTime())).toList();
  }

  /** True, False or Unknown as Kubernetes spells them. */
  private static String status(ConditionStatus status) {
    if (status == null) {
      return "Unknown";
    }
    String name = status.name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }
}
