package dev.certkeeper.certificates.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.CertificateRequestCondition;
import dev.certkeeper.api.certmanager.CertificateRequestStatus;
import dev.certkeeper.api.meta.ConditionStatus;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A failed request marked InvalidRequest=True was refused for good; any other failure may succeed next time. */
class IssuanceFailureTest {
  private static final CertificateRequestCondition FAILED = condition("Ready", ConditionStatus.FALSE, "Failed");

  private static CertificateRequestCondition condition(String type, ConditionStatus status, String reason) {
    return new CertificateRequestCondition(type, status, "2025-06-01T12:00:00Z", reason, "message");
  }

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("noStatusIsRetryable", null, IssuanceFailure.RETRYABLE),
        Arguments.of("noConditionsAreRetryable", List.of(), IssuanceFailure.RETRYABLE),
        Arguments.of("aPlainFailureIsRetryable", List.of(FAILED), IssuanceFailure.RETRYABLE),
        Arguments.of("aDenialIsRetryable", List.of(condition("Denied", ConditionStatus.TRUE, "Denied"), condition("Ready", ConditionStatus.FALSE, "Denied")),
            IssuanceFailure.RETRYABLE),
        Arguments.of("invalidRequestFalseIsRetryable", List.of(condition("InvalidRequest", ConditionStatus.FALSE, "OrderFailed"), FAILED),
            IssuanceFailure.RETRYABLE),
        Arguments.of("invalidRequestTrueIsRefused", List.of(condition("InvalidRequest", ConditionStatus.TRUE, "OrderFailed"), FAILED),
            IssuanceFailure.REFUSED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void classifiesAFailedRequest(String behaviour, List<CertificateRequestCondition> conditions, IssuanceFailure expected) {
    CertificateRequest request = new CertificateRequest();
    if (conditions != null) {
      request.setStatus(new CertificateRequestStatus(conditions, null, null, "2025-06-01T12:00:00Z"));
    }
    assertThat(IssuanceFailure.of(request)).isEqualTo(expected);
  }
}
