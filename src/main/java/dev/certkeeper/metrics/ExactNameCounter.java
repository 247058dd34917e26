package dev.certkeeper.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A counter exposed under exactly its name. cert-manager's counters end in {@code _count}
 * without {@code _total}; the client library's Counter would append {@code _total} and break the
 * queries users already have, so these are written untyped, which PromQL treats the same.
 */
final class ExactNameCounter implements Collector {
  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final ConcurrentMap<List<String>, DoubleAdder> values = new ConcurrentHashMap<>();

  ExactNameCounter(String name, String help, String... labelNames) {
    this.name = name;
    this.help = help;
    this.labelNames = List.of(labelNames);
  }

  /** Adds one to the series with these label values, in the order of the label names. */
  void increment(String... labelValues) {
    if (labelValues.length != labelNames.size()) {
      throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got " + labelValues.length + " values");
    }
    values.computeIfAbsent(List.of(labelValues), k -> new DoubleAdder()).add(1);
  }

  @Override
  public MetricSnapshot collect() {
    UnknownSnapshot.Builder snapshot = UnknownSnapshot.builder().name(name).help(help);
    values.forEach(
        (labelValues, value) ->
            snapshot.dataPoint(UnknownDataPointSnapshot.builder().labels(Labels.of(labelNames, labelValues)).value(value.sum()).build()));
    return snapshot.build();
  }
}
