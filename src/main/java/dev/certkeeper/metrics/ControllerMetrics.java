package dev.certkeeper.metrics;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * cert-manager's controller counters, fed by the Java Operator SDK's monitoring hook: one sync per
 * reconciliation (or cleanup) a controller runs, and one error per reconciliation that throws.
 * It also knows how many reconciliations are running, which a shutting-down leader checks before it
 * gives its Lease up.
 */
public final class ControllerMetrics implements Metrics {
  static final String SYNC_CALLS = "certmanager_controller_sync_call_count";
  static final String SYNC_ERRORS = "certmanager_controller_sync_error_count";

  private final ExactNameCounter calls = new ExactNameCounter(SYNC_CALLS, "The number of sync() calls made by a controller.", "controller");
  private final ExactNameCounter errors =
      new ExactNameCounter(SYNC_ERRORS, "The number of errors encountered during controller sync().", "controller");
  private final AtomicInteger running = new AtomicInteger();

  /** Registers both counters. */
  public ControllerMetrics(PrometheusRegistry registry) {
    registry.register(calls);
    registry.register(errors);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    calls.increment(execution.controllerName());
    running.incrementAndGet();
    try {
      return execution.execute();
    } catch (Exception e) {
      errors.increment(execution.controllerName());
      throw e;
    } finally {
      running.decrementAndGet();
    }
  }

  /** How many reconciliations (or cleanups) are running now. */
  public int running() {
    return running.get();
  }
}
