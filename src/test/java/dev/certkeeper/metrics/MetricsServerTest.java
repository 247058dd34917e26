package dev.certkeeper.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One port serves the metrics and both probes; the probes follow the operator's state. */
class MetricsServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(MetricsServer server, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesMetricsAndProbesThatFollowTheOperator() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new CertificateMetrics(() -> List.of(CertificateMetricsTest.certificate("{name: ca}", null))));
    AtomicBoolean started = new AtomicBoolean();
    AtomicBoolean synced = new AtomicBoolean();
    try (MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), registry, started::get, synced::get)) {
      assertThat(get(server, "/healthz").statusCode()).isEqualTo(503);
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(503);

      started.set(true);
      assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(503);

      synced.set(true);
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = get(server, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(metrics.body()).contains("certmanager_certificate_expiration_timestamp_seconds{issuer_group=\"\",issuer_kind=\"\",issuer_name=\"ca\",name=\"web\"");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"0.0.0.0:9402, 0.0.0.0, 9402", "127.0.0.1:19402, 127.0.0.1, 19402", ":9402, 0.0.0.0, 9402", "'[::1]:9402', ::1, 9402"})
  void parsesListenAddresses(String flag, String host, int port) {
    InetSocketAddress address = MetricsServer.parseAddress(flag);
    assertThat(address.getAddress().getHostAddress()).isIn(host, "0:0:0:0:0:0:0:1");
    assertThat(address.getPort()).isEqualTo(port);
  }

  @ParameterizedTest
  @ValueSource(strings = {"9402", "localhost", "127.0.0.1:", "127.0.0.1:9402/metrics"})
  void rejectsAnAddressWithoutHostAndPort(String flag) {
    assertThatThrownBy(() -> MetricsServer.parseAddress(flag)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(flag);
  }
}
