package dev.certkeeper.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** cert-manager's certificate gauges, computed from Certificates as the API server holds them. */
class CertificateMetricsTest {
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  static Certificate certificate(String issuerRef, String status) {
    return YAML.unmarshal(
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: apps}\n"
            + "spec: {secretName: web-tls, dnsNames: [web.example.com], issuerRef: " + issuerRef + "}\n"
            + (status == null ? "" : "status: " + status + "\n"),
        Certificate.class);
  }

  private static Map<String, String> labels(String issuerName, String issuerKind, String issuerGroup, String... more) {
    Map<String, String> labels = new HashMap<>(Map.of("name", "web", "namespace", "apps", "issuer_name", issuerName, "issuer_kind", issuerKind, "issuer_group", issuerGroup));
    for (int i = 0; i < more.length; i += 2) {
      labels.put(more[i], more[i + 1]);
    }
    return labels;
  }

  static Stream<Arguments> certificates() {
    String times = "notBefore: '2026-01-01T00:00:00Z', notAfter: '2026-04-01T00:00:00Z', renewalTime: '2026-03-02T00:00:00Z'";
    return Stream.of(
        Arguments.of("issued and Ready", "{name: ca}",
            "{" + times + ", conditions: [{type: Ready, status: 'True', reason: Ready}]}",
            labels("ca", "", ""), 1775001600.0, 1767225600.0, 1772409600.0, "True"),
        Arguments.of("expired and not Ready, ClusterIssuer", "{name: letsencrypt, kind: ClusterIssuer, group: cert-manager.io}",
            "{" + times + ", conditions: [{type: Ready, status: 'False', reason: Expired}]}",
            labels("letsencrypt", "ClusterIssuer", "cert-manager.io"), 1775001600.0, 1767225600.0, 1772409600.0, "False"),
        Arguments.of("Ready unknown, external issuer", "{name: vault, kind: VaultIssuer, group: example.com}",
            "{conditions: [{type: Ready, status: Unknown}]}",
            labels("vault", "VaultIssuer", "example.com"), 0.0, 0.0, 0.0, "Unknown"),
        Arguments.of("never reconciled", "{name: ca}", null, labels("ca", "", ""), 0.0, 0.0, 0.0, null),
        Arguments.of("unparsable time", "{name: ca}", "{notAfter: soon, conditions: [{type: Issuing, status: 'True'}]}",
            labels("ca", "", ""), 0.0, 0.0, 0.0, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("certificates")
  void reportsStatusTimesAndReadiness(
      String description, String issuerRef, String status, Map<String, String> labels, double notAfter, double notBefore, double renewal,
      String ready) {
    MetricSnapshots snapshots = CertificateMetrics.snapshots(List.of(certificate(issuerRef, status)));

    assertThat(Exposition.value(snapshots, CertificateMetrics.EXPIRATION, labels)).contains(notAfter);
    assertThat(Exposition.value(snapshots, CertificateMetrics.NOT_AFTER, labels)).contains(notAfter);
    assertThat(Exposition.value(snapshots, CertificateMetrics.NOT_BEFORE, labels)).contains(notBefore);
    assertThat(Exposition.value(snapshots, CertificateMetrics.RENEWAL, labels)).contains(renewal);
    for (String condition : List.of("True", "False", "Unknown")) {
      Map<String, String> readyLabels = new HashMap<>(labels);
      readyLabels.put("condition", condition);
      assertThat(Exposition.value(snapshots, CertificateMetrics.READY, readyLabels))
          .as("ready_status{condition=%s}", condition)
          .contains(condition.equals(ready) ? 1.0 : 0.0);
    }
  }

  @Test
  void exposesCertManagersFamilyNamesAsGauges() {
    String text = Exposition.text(CertificateMetrics.snapshots(List.of(certificate("{name: ca}", "{notAfter: '2026-04-01T00:00:00Z'}"))));

    assertThat(text)
        .contains("# TYPE certmanager_certificate_expiration_timestamp_seconds gauge")
        .contains("# TYPE certmanager_certificate_renewal_timestamp_seconds gauge")
        .contains("# TYPE certmanager_certificate_ready_status gauge")
        .contains("certmanager_certificate_expiration_timestamp_seconds{issuer_group=\"\",issuer_kind=\"\",issuer_name=\"ca\",name=\"web\",namespace=\"apps\"} 1.7750016E9")
        .contains("certmanager_certificate_ready_status{condition=\"True\",issuer_group=\"\",issuer_kind=\"\",issuer_name=\"ca\",name=\"web\",namespace=\"apps\"} 0");
  }

  @Test
  void reportsNothingForADeletedCertificate() {
    List<Certificate> cache = new java.util.ArrayList<>(List.of(certificate("{name: ca}", null)));
    CertificateMetrics metrics = new CertificateMetrics(() -> cache);
    assertThat(Exposition.value(metrics.collect(), CertificateMetrics.EXPIRATION, labels("ca", "", ""))).isPresent();

    cache.clear();

    assertThat(Exposition.text(metrics.collect())).doesNotContain("name=\"web\"");
  }
}
