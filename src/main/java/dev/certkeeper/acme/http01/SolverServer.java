package dev.certkeeper.acme.http01;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.certkeeper.pki.IpAddresses;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of {@code certkeeper acmesolver}: answers {@code GET /.well-known/acme-challenge/<token>}
 * with the key authorization when the request's Host is the challenge's name, and 404 otherwise.
 * Built on the JDK's server and nothing heavier, so the solver Pod is ready a moment after it starts.
 */
public final class SolverServer implements AutoCloseable {
  /** The body of every 404, so a self-check can tell this server's refusal from another server's. */
  public static final String NOT_FOUND_BODY = "certkeeper acmesolver: no challenge for this host and path\n";
  private static final Logger LOG = LoggerFactory.getLogger(SolverServer.class);
  /** Enough for the CA's few validation requests and the self-checks; a slow client holds only one. */
  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor;
  private final ChallengeInputs challenge;
  private final byte[] key;

  private SolverServer(HttpServer server, ExecutorService executor, ChallengeInputs challenge) {
    this.server = server;
    this.executor = executor;
    this.challenge = challenge;
    this.key = challenge.key().getBytes(StandardCharsets.US_ASCII);
  }

  /** Starts serving on the address; port 0 picks a free port (see {@link #port()}). */
  public static SolverServer start(InetSocketAddress address, ChallengeInputs challenge) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, "acmesolver");
      thread.setDaemon(true);
      return thread;
    });
    SolverServer solver = new SolverServer(server, executor, challenge);
    server.createContext("/", solver::handle);
    server.setExecutor(executor);
    server.start();
    return solver;
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String host = exchange.getRequestHeaders().getFirst("Host");
      String path = exchange.getRequestURI().getRawPath();
      int status;
      byte[] body;
      if (!method.equals("GET") && !method.equals("HEAD")) {
        status = 404;
        body = NOT_FOUND_BODY.getBytes(StandardCharsets.US_ASCII);
      } else if (path.equals("/") || path.equals("/healthz")) {
        // Load balancers such as GKE's probe the backend at "/" and route nothing to a failing one.
        status = 200;
        body = new byte[0];
      } else if (path.equals(ChallengeInputs.challengePath(challenge.token())) && hostMatches(host)) {
        status = 200;
        body = key;
      } else {
        status = 404;
        body = NOT_FOUND_BODY.getBytes(StandardCharsets.US_ASCII);
      }
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache, no-store, must-revalidate");
      boolean head = method.equals("HEAD");
      exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
      if (!head && body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      // The token is public (it is in the URL the CA requests); the key is never logged.
      LOG.info("{} {} {} host={} -> {}", exchange.getRemoteAddress().getAddress().getHostAddress(), method, printable(path),
          printable(host), status);
    }
  }

  /** Whether the Host header, without its port, names the challenge's DNS name or IP address. */
  private boolean hostMatches(String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    String host = withoutPort(hostHeader.trim());
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (challenge.isIpAddress()) {
      return IpAddresses.isValid(host) && IpAddresses.normalise(host).equals(IpAddresses.normalise(challenge.dnsName()));
    }
    return host.toLowerCase(Locale.ROOT).equals(challenge.dnsName().toLowerCase(Locale.ROOT));
  }

  /** "example.com:80" to "example.com", "[2001:db8::1]:80" to "2001:db8::1"; a bare IPv6 address stays. */
  static String withoutPort(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(1, end);
    }
    int colon = host.indexOf(':');
    return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
  }

  /** A request value as one printable line of at most 200 characters, so requests cannot forge log lines. */
  private static String printable(String value) {
    if (value == null) {
      return "-";
    }
    String shown = value.length() > 200 ? value.substring(0, 200) + "…" : value;
    return shown.replaceAll("[\\p{Cntrl}\\s]", "?");
  }
}
