package dev.certkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateStatus;
import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.api.meta.ConditionStatus;
import dev.certkeeper.testing.Manifests;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualTriggerTest {
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

  private static Certificate certificate(String conditions) {
    return Manifests.typed(
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: apps, generation: 3}\n"
            + "spec: {secretName: web-tls, issuerRef: {name: ca}}\n"
            + "status:\n  revision: 4\n  notAfter: '2027-01-01T00:00:00Z'\n  conditions:\n" + conditions,
        Certificate.class);
  }

  @Test
  void setsIssuingTrueWithReasonManuallyTriggeredAndKeepsTheRestOfTheStatus() {
    Certificate certificate = certificate("  - {type: Ready, status: 'True', reason: Ready, lastTransitionTime: '2026-12-01T00:00:00Z'}\n");

    CertificateStatus status = ManualTrigger.triggered(certificate, NOW);

    assertThat(status.conditions()).containsExactly(
        certificate.getStatus().conditions().get(0),
        new Condition("Issuing", ConditionStatus.TRUE, "2026-12-05T12:00:00Z", "ManuallyTriggered", "Certificate re-issuance manually triggered", 3L));
    assertThat(status.revision()).isEqualTo(4);
    assertThat(status.notAfter()).isEqualTo("2027-01-01T00:00:00Z");
  }

  @Test
  void aFailedIssuanceCanBeTriggeredAgain() {
    Certificate certificate = certificate("  - {type: Issuing, status: 'False', reason: Failed, message: CA unreachable}\n");

    assertThat(ManualTrigger.refusal(certificate)).isEmpty();
    assertThat(ManualTrigger.triggered(certificate, NOW).conditions()).singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(ConditionStatus.TRUE))
        .satisfies(c -> assertThat(c.reason()).isEqualTo("ManuallyTriggered"));
  }

  @Test
  void refusesACertificateThatIsAlreadyIssuing() {
    Certificate certificate = certificate("  - {type: Issuing, status: 'True', reason: Renewing, message: Renewing certificate as renewal was scheduled}\n");

    assertThat(ManualTrigger.refusal(certificate)).hasValue(
        "Certificate apps/web is already being issued (Issuing: Renewing: Renewing certificate as renewal was scheduled); wait until it is done");
  }

  @Test
  void aCertificateWithoutStatusCanBeTriggered() {
    Certificate fresh = Manifests.typed(
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: apps}\nspec: {secretName: web-tls, issuerRef: {name: ca}}\n",
        Certificate.class);

    assertThat(ManualTrigger.refusal(fresh)).isEmpty();
    assertThat(ManualTrigger.triggered(fresh, NOW).conditions()).extracting(Condition::type).containsExactly("Issuing");
  }
}
