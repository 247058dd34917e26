package dev.certkeeper.metrics;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateStatus;
import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.api.meta.ConditionStatus;
import dev.certkeeper.api.meta.IssuerReference;
import dev.certkeeper.kube.Conditions;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * cert-manager's per-Certificate gauges, read from the Certificates' status at scrape time. The
 * operator's Certificate cache is the only source: a deleted Certificate leaves the cache and so
 * the metrics, and nothing is kept between scrapes.
 */
public final class CertificateMetrics implements MultiCollector {
  static final String EXPIRATION = "certmanager_certificate_expiration_timestamp_seconds";
  static final String NOT_AFTER = "certmanager_certificate_not_after_timestamp_seconds";
  static final String NOT_BEFORE = "certmanager_certificate_not_before_timestamp_seconds";
  static final String RENEWAL = "certmanager_certificate_renewal_timestamp_seconds";
  static final String READY = "certmanager_certificate_ready_status";

  /** The Ready condition statuses cert-manager emits a series for, each 1 when it is the current one. */
  private static final List<String> READY_STATUSES = List.of("True", "False", "Unknown");

  private final Supplier<? extends Collection<Certificate>> certificates;

  /** Reads the certificates to report from {@code certificates} at each scrape. */
  public CertificateMetrics(Supplier<? extends Collection<Certificate>> certificates) {
    this.certificates = certificates;
  }

  @Override
  public MetricSnapshots collect() {
    return snapshots(certificates.get());
  }

  /** The gauges for these certificates; a time not (yet) in the status is 0, as in cert-manager. */
  static MetricSnapshots snapshots(Collection<Certificate> certificates) {
    return MetricSnapshots.of(
        timestamps(EXPIRATION, "The date after which the certificate expires. Expressed as a Unix Epoch Time.", certificates, CertificateStatus::notAfter),
        timestamps(NOT_AFTER, "The timestamp after which the certificate is invalid, expressed as a Unix Epoch Time.", certificates, CertificateStatus::notAfter),
        timestamps(NOT_BEFORE, "The timestamp before which the certificate is invalid, expressed as a Unix Epoch Time.", certificates, CertificateStatus::notBefore),
        timestamps(RENEWAL, "The number of seconds before expiration time the certificate should renew.", certificates, CertificateStatus::renewalTime),
        ready(certificates));
  }

  private static GaugeSnapshot timestamps(String name, String help, Collection<Certificate> certificates, Function<CertificateStatus, String> field) {
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
    for (Certificate certificate : certificates) {
      double seconds = Optional.ofNullable(certificate.getStatus()).map(field).map(CertificateMetrics::epochSeconds).orElse(0.0);
      gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(labels(certificate)).value(seconds).build());
    }
    return gauge.build();
  }

  private static GaugeSnapshot ready(Collection<Certificate> certificates) {
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(READY).help("The ready status of the certificate.");
    for (Certificate certificate : certificates) {
      String current =
          Optional.ofNullable(certificate.getStatus())
              .flatMap(s -> Conditions.find(s.conditions(), "Ready"))
              .map(Condition::status)
              .map(CertificateMetrics::label)
              .orElse("");
      for (String status : READY_STATUSES) {
        gauge.dataPoint(
            GaugeDataPointSnapshot.builder().labels(labels(certificate).add("condition", status)).value(status.equals(current) ? 1 : 0).build());
      }
    }
    return gauge.build();
  }

  /** cert-manager's labels: the issuerRef as written (kind and group empty when left to their defaults). */
  private static Labels labels(Certificate certificate) {
    IssuerReference issuer = certificate.getSpec() == null ? null : certificate.getSpec().issuerRef();
    return Labels.of(
        "name", certificate.getMetadata().getName(),
        "namespace", certificate.getMetadata().getNamespace(),
        "issuer_name", issuer == null ? "" : orEmpty(issuer.name()),
        "issuer_kind", issuer == null ? "" : orEmpty(issuer.kind()),
        "issuer_group", issuer == null ? "" : orEmpty(issuer.group()));
  }

  private static String label(ConditionStatus status) {
    return switch (status) {
      case TRUE -> "True";
      case FALSE -> "False";
      case UNKNOWN -> "Unknown";
    };
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static Double epochSeconds(String timestamp) {
    try {
      return (double) Instant.parse(timestamp).getEpochSecond();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
