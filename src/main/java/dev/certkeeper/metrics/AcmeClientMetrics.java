package dev.certkeeper.metrics;

import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * cert-manager's ACME client metrics: a request count and a latency summary per scheme, host,
 * action (the kind of ACME endpoint), method and status.
 */
public final class AcmeClientMetrics implements UnaryOperator<HttpClient> {
  static final String COUNT = "certmanager_http_acme_client_request_count";
  static final String DURATION = "certmanager_http_acme_client_request_duration_seconds";
  private static final String[] LABELS = {"scheme", "host", "action", "method", "status"};

  private final ExactNameCounter count =
      new ExactNameCounter(COUNT, "The number of requests made by the ACME client.", LABELS);
  private final Summary duration =
      Summary.builder()
          .name(DURATION)
          .help("The HTTP request latencies in seconds for the ACME client.")
          .labelNames(LABELS)
          .quantile(0.5, 0.05)
          .quantile(0.9, 0.01)
          .quantile(0.99, 0.001)
          .build();

  /** Registers both metric families. */
  public AcmeClientMetrics(PrometheusRegistry registry) {
    registry.register(count);
    registry.register(duration);
  }

  /** The client, reporting each of its exchanges here. */
  @Override
  public HttpClient apply(HttpClient client) {
    return new MeteredHttpClient(client, this::record);
  }

  void record(HttpRequest request, int status, Duration took) {
    URI url = request.uri();
    String host = url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    String[] labels = {url.getScheme(), host, AcmeActions.of(url), request.method(), Integer.toString(status)};
    count.increment(labels);
    duration.labelValues(labels).observe(took.toNanos() / 1e9);
  }
}
