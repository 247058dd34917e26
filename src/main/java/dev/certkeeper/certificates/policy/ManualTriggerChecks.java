package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.certmanager.CertificateStatus;
import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.api.meta.ConditionStatus;
import java.util.List;
import java.util.Optional;

/** A re-issuance someone asked for: {@code certkeeper renew} (or {@code cmctl renew}) sets Issuing=True. */
public final class ManualTriggerChecks {
  /** The condition a manual trigger sets to True. */
  public static final String ISSUING = "Issuing";
  /** The message cmctl writes, and the one certkeeper shows when a trigger gives none. */
  public static final String DEFAULT_MESSAGE = "Certificate re-issuance manually triggered";

  private ManualTriggerChecks() {}

  static Optional<Violation> manuallyTriggered(PolicyInput input) {
    CertificateStatus status = input.certificate().getStatus();
    List<Condition> conditions = status == null || status.conditions() == null ? List.of() : status.conditions();
    return conditions.stream()
        .filter(c -> ISSUING.equals(c.type()) && c.status() == ConditionStatus.TRUE)
        .filter(c -> Reasons.MANUALLY_TRIGGERED.equals(c.reason()))
        .findFirst()
        .map(c -> new Violation(
            Reasons.MANUALLY_TRIGGERED, c.message() == null || c.message().isBlank() ? DEFAULT_MESSAGE : c.message()));
  }
}
