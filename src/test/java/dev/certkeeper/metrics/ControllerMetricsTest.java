package dev.certkeeper.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javaoperatorsdk.operator.api.monitoring.Metrics.ControllerExecution;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Each reconciliation the operator runs counts as one sync of its controller; a failing one also as an error. */
class ControllerMetricsTest {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final ControllerMetrics metrics = new ControllerMetrics(registry);

  private static ControllerExecution<String> execution(String controller, Callable<String> body) {
    return new ControllerExecution<>() {
      @Override public String name() { return "reconcile"; }
      @Override public String controllerName() { return controller; }
      @Override public String successTypeName(String result) { return "success"; }
      @Override public ResourceID resourceID() { return new ResourceID("web", "apps"); }
      @Override public Map<String, Object> metadata() { return Map.of(); }
      @Override public String execute() throws Exception { return body.call(); }
    };
  }

  @Test
  void countsSyncsAndErrorsPerController() throws Exception {
    assertThat(metrics.timeControllerExecution(execution("certificates", () -> "done"))).isEqualTo("done");
    metrics.timeControllerExecution(execution("certificates", () -> "done"));
    metrics.timeControllerExecution(execution("orders", () -> "done"));
    assertThatThrownBy(() -> metrics.timeControllerExecution(execution("orders", () -> {
      throw new IllegalStateException("boom");
    }))).hasMessage("boom");

    var snapshots = registry.scrape();
    assertThat(Exposition.value(snapshots, ControllerMetrics.SYNC_CALLS, Map.of("controller", "certificates"))).contains(2.0);
    assertThat(Exposition.value(snapshots, ControllerMetrics.SYNC_CALLS, Map.of("controller", "orders"))).contains(2.0);
    assertThat(Exposition.value(snapshots, ControllerMetrics.SYNC_ERRORS, Map.of("controller", "orders"))).contains(1.0);
    assertThat(Exposition.value(snapshots, ControllerMetrics.SYNC_ERRORS, Map.of("controller", "certificates"))).isEmpty();
    assertThat(Exposition.text(snapshots)).contains("certmanager_controller_sync_call_count{controller=\"certificates\"} 2");
  }
}
