package dev.certkeeper.certificates.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateStatus;
import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.api.meta.ConditionStatus;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ManuallyTriggered: the Issuing condition written by {@code certkeeper renew}. */
class ManualTriggerChecksTest {

  private static PolicyInput withConditions(Condition... conditions) {
    Certificate certificate = Fixtures.certificate("dnsNames: [web.example.com]");
    certificate.setStatus(new CertificateStatus(List.of(conditions), null, null, null, null, null, null, null, null));
    return Fixtures.healthy(certificate);
  }

  private static Condition issuing(ConditionStatus status, String reason, String message) {
    return new Condition("Issuing", status, "2025-06-01T11:00:00Z", reason, message, 1L);
  }

  static Stream<Arguments> conditions() {
    return Stream.of(
        Arguments.of("renew asked for", issuing(ConditionStatus.TRUE, "ManuallyTriggered", "Certificate re-issuance manually triggered"),
            "Certificate re-issuance manually triggered"),
        Arguments.of("renew asked for, no message", issuing(ConditionStatus.TRUE, "ManuallyTriggered", null),
            "Certificate re-issuance manually triggered"),
        Arguments.of("renew with its own message", issuing(ConditionStatus.TRUE, "ManuallyTriggered", "renewed by ops for the CA rollover"),
            "renewed by ops for the CA rollover"),
        Arguments.of("issuing for another reason", issuing(ConditionStatus.TRUE, "Renewing", "Renewing certificate"), null),
        Arguments.of("a finished manual issuance", issuing(ConditionStatus.FALSE, "ManuallyTriggered", "done"), null),
        Arguments.of("only a Ready condition",
            new Condition("Ready", ConditionStatus.TRUE, null, "ManuallyTriggered", "odd but not Issuing", null), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conditions")
  void reissuesWhenRenewWasRequested(String description, Condition condition, String message) {
    assertThat(ManualTriggerChecks.manuallyTriggered(withConditions(condition)))
        .isEqualTo(Optional.ofNullable(message).map(m -> new Violation("ManuallyTriggered", m)));
  }

  @Test
  void ignoresACertificateWithoutStatus() {
    assertThat(ManualTriggerChecks.manuallyTriggered(Fixtures.healthy(Fixtures.certificate("dnsNames: [web.example.com]")))).isEmpty();
  }
}
