package dev.certkeeper.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** cert-manager's `_count` counters keep their exact names in both formats Prometheus scrapes. */
class ExactNameCounterTest {
  private final ExactNameCounter counter = new ExactNameCounter("certmanager_controller_sync_call_count", "syncs", "controller");

  @Test
  void keepsItsNameInThePrometheusTextFormat() {
    counter.increment("certificates");
    counter.increment("certificates");

    assertThat(Exposition.text(MetricSnapshots.of(counter.collect())))
        .contains("certmanager_controller_sync_call_count{controller=\"certificates\"} 2")
        .doesNotContain("_total");
  }

  @Test
  void keepsItsNameInOpenMetrics() throws Exception {
    counter.increment("orders");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    OpenMetricsTextFormatWriter.create().write(out, MetricSnapshots.of(counter.collect()));

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("certmanager_controller_sync_call_count{controller=\"orders\"} 1")
        .doesNotContain("_total");
  }

  @Test
  void rejectsTheWrongNumberOfLabelValues() {
    assertThatThrownBy(() -> counter.increment("certificates", "extra"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes labels [controller], got 2 values");
  }
}
