package dev.certkeeper.certificates.policy;

import static dev.certkeeper.certificates.policy.Fixtures.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateStatus;
import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.api.meta.ConditionStatus;
import dev.certkeeper.certificates.Annotations;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The trigger and readiness chains: which checks they hold and that the first violation wins. */
class PoliciesTest {
  private static final KeyPair KEYS = TestPki.key("RSA-2048");

  private static Optional<String> trigger(PolicyInput input) {
    return Policies.TRIGGER.evaluate(input).map(Violation::reason);
  }

  private static Optional<String> readiness(PolicyInput input) {
    return Policies.READINESS.evaluate(input).map(Violation::reason);
  }

  private static PolicyInput healthyAt(Instant now) {
    Certificate certificate = certificate("dnsNames: [web.example.com]");
    return new PolicyInput(
        certificate, Fixtures.issued(certificate, Fixtures.webCertificate(KEYS).build(), KEYS.getPrivate()), null, now);
  }

  @Test
  void aHealthyCertificateNeedsNothingAndIsReady() {
    PolicyInput input = Fixtures.healthy(certificate("dnsNames: [web.example.com]"));
    assertThat(trigger(input)).isEmpty();
    assertThat(readiness(input)).isEmpty();
  }

  @Test
  void aManualTriggerWinsButDoesNotMakeTheCertificateUnready() {
    Certificate certificate = certificate("dnsNames: [web.example.com]");
    certificate.setStatus(new CertificateStatus(
        List.of(new Condition("Issuing", ConditionStatus.TRUE, null, "ManuallyTriggered", null, 1L)),
        null, null, null, null, null, null, null, null));
    assertThat(trigger(Fixtures.input(certificate, SecretState.missing()))).contains("ManuallyTriggered");
    assertThat(readiness(Fixtures.healthy(certificate))).isEmpty();
  }

  @Test
  void dueForRenewalTriggersIssuanceWhileStillReady() {
    PolicyInput input = healthyAt(Instant.parse("2025-07-22T00:00:00Z"));
    assertThat(trigger(input)).contains("Renewing");
    assertThat(readiness(input)).isEmpty();
  }

  @Test
  void anExpiredCertificateIsRenewedAndNotReady() {
    PolicyInput input = healthyAt(Fixtures.NOT_AFTER.plusSeconds(1));
    assertThat(trigger(input)).contains("Renewing");
    assertThat(readiness(input)).contains("Expired");
  }

  @Test
  void missingDataIsReportedBeforeTheIssuer() {
    Certificate certificate = certificate("dnsNames: [web.example.com]");
    SecretState secret = Fixtures.secret(Map.of(Annotations.ISSUER_NAME, "old-ca"), null, KEYS.getPrivate());
    assertThat(trigger(Fixtures.input(certificate, secret))).contains("MissingData");
  }

  @Test
  void aWrongIssuerIsReportedBeforeChangedNames() {
    Certificate certificate = certificate("dnsNames: [www.example.com]");
    SecretState secret = Fixtures.secret(
        Fixtures.with(Fixtures.issuedAnnotations(certificate), Annotations.ISSUER_NAME, "old-ca"),
        Fixtures.webCertificate(KEYS).build(),
        KEYS.getPrivate());
    assertThat(trigger(Fixtures.input(certificate, secret))).contains("IncorrectIssuer");
    assertThat(readiness(Fixtures.input(certificate, secret))).contains("IncorrectIssuer");
  }

  @Test
  void aChangedRequestIsReportedBeforeChangedNames() {
    Certificate certificate = certificate("dnsNames: [www.example.com]", "isCA: true");
    RequestState request = Fixtures.currentRequest(certificate("dnsNames: [www.example.com]"), KEYS.getPublic());
    SecretState secret = Fixtures.issued(certificate, Fixtures.webCertificate(KEYS).build(), KEYS.getPrivate());
    assertThat(trigger(Fixtures.input(certificate, secret, request))).contains("RequestChanged");
  }

  @Test
  void changedNamesMakeTheCertificateUnready() {
    PolicyInput input = Fixtures.healthy(certificate("dnsNames: [www.example.com]"));
    assertThat(trigger(input)).contains("SecretMismatch");
    assertThat(readiness(input)).contains("SecretMismatch");
  }

  @Test
  void bothChainsShareEverySecretAndSpecCheck() {
    assertThat(Policies.TRIGGER.checks()).hasSize(Policies.READINESS.checks().size() + 1);
    assertThat(Policies.TRIGGER.checks().subList(1, 10)).isEqualTo(Policies.READINESS.checks().subList(0, 9));
  }
}
