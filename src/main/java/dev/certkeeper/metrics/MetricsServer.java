package dev.certkeeper.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The operator's HTTP endpoint: {@code /metrics} (Prometheus text format), {@code /healthz}
 * (liveness) and {@code /readyz} (readiness), on one address as the chart's probes expect.
 */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts serving on {@code address} ({@code host:port}; port 0 picks a free one).
   *
   * @param healthy whether the process still works (the liveness probe restarts it when not)
   * @param ready whether it has started and its caches are synced (the readiness probe)
   */
  public static MetricsServer start(InetSocketAddress address, PrometheusRegistry registry, BooleanSupplier healthy, BooleanSupplier ready)
      throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    server.createContext("/metrics", new MetricsHandler(registry));
    server.createContext("/healthz", probe(healthy));
    server.createContext("/readyz", probe(ready));
    // Two threads: a scrape never waits behind a probe, and the server costs next to nothing.
    server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "metrics-http");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    return new MetricsServer(server);
  }

  /** Parses a listen address as cert-manager's flag takes it: {@code host:port}, {@code :port} or {@code [v6]:port}. */
  public static InetSocketAddress parseAddress(String address) {
    URI uri = URI.create("tcp://" + (address.startsWith(":") ? "0.0.0.0" + address : address));
    if (uri.getHost() == null || uri.getPort() < 0 || uri.getPath() != null && !uri.getPath().isEmpty()) {
      throw new IllegalArgumentException("not a host:port listen address: " + address);
    }
    return new InetSocketAddress(uri.getHost(), uri.getPort());
  }

  /** The address it listens on (with the actual port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static HttpHandler probe(BooleanSupplier check) {
    return exchange -> {
      try (exchange) {
        boolean ok = check.getAsBoolean();
        respond(exchange, ok ? 200 : 503, ok ? "ok\n" : "not ok\n");
      }
    };
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
