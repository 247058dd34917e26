package dev.certkeeper.cli;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateStatus;
import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.api.meta.ConditionStatus;
import dev.certkeeper.certificates.policy.ManualTriggerChecks;
import dev.certkeeper.certificates.policy.Reasons;
import dev.certkeeper.kube.Conditions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code certkeeper renew}'s decision: a Certificate is re-issued by setting its Issuing condition
 * True with reason ManuallyTriggered, as {@code cmctl renew} does, unless it is being issued already.
 */
final class ManualTrigger {
  private ManualTrigger() {}

  /** Why the Certificate must not be triggered now: it is already Issuing. */
  static Optional<String> refusal(Certificate certificate) {
    return alreadyIssuing(certificate).map(issuing -> named(certificate) + " is " + issuing);
  }

  /** What a selection says of a Certificate it leaves alone because it is already Issuing. */
  static Optional<String> skipped(Certificate certificate) {
    return alreadyIssuing(certificate).map(issuing -> "Skipped " + named(certificate) + ": it is " + issuing);
  }

  private static Optional<String> alreadyIssuing(Certificate certificate) {
    List<Condition> conditions = certificate.getStatus() == null ? List.of() : certificate.getStatus().conditions();
    return Conditions.find(conditions, ManualTriggerChecks.ISSUING)
        .filter(issuing -> issuing.status() == ConditionStatus.TRUE)
        .map(issuing -> "already being issued (Issuing: " + issuing.reason() + ": " + issuing.message() + "); wait until it is done");
  }

  private static String named(Certificate certificate) {
    return "Certificate " + certificate.getMetadata().getNamespace() + "/" + certificate.getMetadata().getName();
  }

  /** The Certificate's status with the Issuing condition set to the manual trigger. */
  static CertificateStatus triggered(Certificate certificate, Instant now) {
    CertificateStatus s = certificate.getStatus() == null
        ? new CertificateStatus(null, null, null, null, null, null, null, null, null)
        : certificate.getStatus();
    List<Condition> conditions = Conditions.set(
        s.conditions(),
        ManualTriggerChecks.ISSUING,
        ConditionStatus.TRUE,
        Reasons.MANUALLY_TRIGGERED,
        ManualTriggerChecks.DEFAULT_MESSAGE,
        certificate.getMetadata().getGeneration(),
        now);
    return new CertificateStatus(
        conditions, s.lastFailureTime(), s.notBefore(), s.notAfter(), s.renewalTime(), s.revision(), s.nextPrivateKeySecretName(),
        s.failedIssuanceAttempts(), s.acme());
  }
}
