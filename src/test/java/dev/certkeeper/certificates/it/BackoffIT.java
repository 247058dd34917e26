package dev.certkeeper.certificates.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.CertificateRequestCondition;
import dev.certkeeper.api.certmanager.CertificateRequestStatus;
import dev.certkeeper.api.meta.ConditionStatus;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A failed issuance is recorded and retried after an exponential back-off, with a fresh request.
 * The Certificate names an external issuer (another group), whose requests certkeeper leaves to
 * their own controller: the test plays that controller and fails them on purpose. The local
 * operator runs with --issuance-backoff-base 5s.
 */
@ExtendWith(LocalControlPlane.class)
class BackoffIT {
  private static Fixture fixture;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "backoff");
  }

  @Test
  void failedIssuanceIsRecordedThenRetriedAfterBackoff() {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: flaky}\nspec: {secretName: flaky-tls, dnsNames: [flaky.example.com],"
            + " issuerRef: {name: pca, kind: AWSPCAClusterIssuer, group: awspca.cert-manager.io}}");

    CertificateRequest first = awaitRequest(null);
    fail(first, "the external CA refused: quota exceeded");
    Certificate failed =
        Await.until(Fixture.TIMEOUT, "the failure to be recorded",
            () -> Optional.ofNullable(fixture.certificate("flaky")).filter(c -> c.getStatus() != null && Integer.valueOf(1).equals(c.getStatus().failedIssuanceAttempts())),
            () -> String.valueOf(fixture.certificate("flaky").getStatus()));
    Instant failedAt = Instant.parse(failed.getStatus().lastFailureTime());
    assertThat(Fixture.condition(failed, "Issuing")).hasValueSatisfying(c -> {
      assertThat(c.status()).isEqualTo(ConditionStatus.FALSE);
      assertThat(c.reason()).isEqualTo("Failed");
      assertThat(c.message()).contains("will be retried", "quota exceeded");
    });
    assertThat(Fixture.condition(failed, "Ready").orElseThrow().message()).contains("quota exceeded", "will retry at");
    fixture.awaitEventReasons(failed, "Failed");

    CertificateRequest second = awaitRequest(first.getMetadata().getUid());
    Instant retriedAt = Instant.parse(second.getMetadata().getCreationTimestamp());
    assertThat(Duration.between(failedAt, retriedAt)).as("first retry waits the base back-off").isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    assertThat(second.getMetadata().getName()).as("the same revision is retried").isEqualTo("flaky-1");
    assertThat(List.of(first, second)).extracting(r -> r.getMetadata().getAnnotations().get("certkeeper.dev/issuance-attempt"))
        .as("each attempt numbered, so a counted failure is never counted again").containsExactly("1", "2");

    fail(second, "still no quota");
    Certificate twice =
        Await.until(Fixture.TIMEOUT, "the second failure to be recorded",
            () -> Optional.ofNullable(fixture.certificate("flaky")).filter(c -> Integer.valueOf(2).equals(c.getStatus().failedIssuanceAttempts())),
            () -> String.valueOf(fixture.certificate("flaky").getStatus()));
    CertificateRequest third = awaitRequest(second.getMetadata().getUid());
    assertThat(Duration.between(Instant.parse(twice.getStatus().lastFailureTime()), Instant.parse(third.getMetadata().getCreationTimestamp())))
        .as("the second retry waits twice as long")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(9));
    assertThat(third.getMetadata().getAnnotations()).containsEntry("certkeeper.dev/issuance-attempt", "3");
  }

  /** Waits for a request flaky-1 other than the one with the given uid. */
  private static CertificateRequest awaitRequest(String notUid) {
    return Await.until(
        Duration.ofSeconds(60),
        "a new CertificateRequest flaky-1",
        () -> Optional.ofNullable(fixture.client.resources(CertificateRequest.class).inNamespace(fixture.namespace).withName("flaky-1").get())
            .filter(r -> !r.getMetadata().getUid().equals(notUid))
            .filter(r -> r.getMetadata().getDeletionTimestamp() == null),
        () -> String.valueOf(fixture.requests()));
  }

  /** What an external issuer does when it cannot sign: Ready=False, reason Failed. */
  private static void fail(CertificateRequest request, String message) {
    String now = Conditions.timestamp(Instant.now());
    request.setStatus(
        new CertificateRequestStatus(
            List.of(
                new CertificateRequestCondition("Approved", ConditionStatus.TRUE, now, "external", "approved by the test"),
                new CertificateRequestCondition("Ready", ConditionStatus.FALSE, now, "Failed", message)),
            null,
            null,
            now));
    fixture.client.resource(request).updateStatus();
  }
}
