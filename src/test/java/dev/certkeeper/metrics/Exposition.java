package dev.certkeeper.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads metric snapshots in tests: the text Prometheus scrapes, and single values by name and labels. */
final class Exposition {
  private Exposition() {}

  static String text(MetricSnapshots snapshots) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, snapshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The value of the gauge or untyped series with exactly these labels, if there is one. */
  static Optional<Double> value(MetricSnapshots snapshots, String name, Map<String, String> labels) {
    Labels wanted = Labels.of(new TreeMap<>(labels).keySet().stream().toList(), new TreeMap<>(labels).values().stream().toList());
    for (MetricSnapshot snapshot : snapshots) {
      if (!snapshot.getMetadata().getPrometheusName().equals(name)) {
        continue;
      }
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        if (point.getLabels().equals(wanted)) {
          return Optional.of(
              point instanceof GaugeDataPointSnapshot gauge ? gauge.getValue() : ((UnknownDataPointSnapshot) point).getValue());
        }
      }
    }
    return Optional.empty();
  }
}
