package dev.certkeeper.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every exchange through an instrumented client is counted and timed under cert-manager's names and labels. */
class AcmeClientMetricsTest {
  private HttpServer server;
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final HttpClient client = new AcmeClientMetrics(registry).apply(HttpClient.newHttpClient());

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/nonce-plz", exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.createContext("/order-plz", exchange -> {
      exchange.sendResponseHeaders(429, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private Map<String, String> labels(String action, String method, String status) {
    return Map.of("scheme", "http", "host", "127.0.0.1:" + server.getAddress().getPort(), "action", action, "method", method, "status", status);
  }

  @Test
  void countsRequestsPerActionMethodAndStatus() throws Exception {
    client.send(HttpRequest.newBuilder(url("/nonce-plz")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.discarding());
    client.send(HttpRequest.newBuilder(url("/nonce-plz")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.discarding());
    client.sendAsync(HttpRequest.newBuilder(url("/order-plz/")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), BodyHandlers.discarding()).join();

    var snapshots = registry.scrape();
    assertThat(Exposition.value(snapshots, AcmeClientMetrics.COUNT, labels("new_nonce", "HEAD", "204"))).contains(2.0);
    assertThat(Exposition.value(snapshots, AcmeClientMetrics.COUNT, labels("new_order", "POST", "429"))).contains(1.0);
    String text = Exposition.text(snapshots);
    assertThat(text)
        .contains("certmanager_http_acme_client_request_count{action=\"new_nonce\"")
        .doesNotContain("certmanager_http_acme_client_request_count_total")
        .contains("# TYPE certmanager_http_acme_client_request_duration_seconds summary")
        .contains("certmanager_http_acme_client_request_duration_seconds_count{action=\"new_nonce\"")
        .contains("quantile=\"0.99\"");
  }

  @Test
  void countsARequestThatGotNoAnswerAsStatus999() {
    int port = server.getAddress().getPort();
    server.stop(0);

    assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(url("/dir")).build(), BodyHandlers.discarding())).isInstanceOf(ConnectException.class);

    assertThat(Exposition.value(registry.scrape(), AcmeClientMetrics.COUNT,
            Map.of("scheme", "http", "host", "127.0.0.1:" + port, "action", "get_directory", "method", "GET", "status", "999")))
        .contains(1.0);
  }
}
