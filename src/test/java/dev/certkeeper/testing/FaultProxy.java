package dev.certkeeper.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.certkeeper.acme.AcmeSessions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A fault-injecting HTTPS proxy in front of an ACME server (Pebble), run inside the test: it
 * listens on 127.0.0.1 with a certificate from its own CA ({@link #caBundle()} goes into the
 * Issuer's caBundle), forwards every request to the server, records what it saw, and answers the
 * requests a rule matches with a fault instead, such as a 429 rateLimited problem with a
 * Retry-After, or a 503.
 *
 * <p>Requests reach the server with this proxy's address in the Host header. Pebble builds every
 * URL it hands out (directory, Location, Link, order and authorization bodies) from the Host
 * header, and checks the URL signed into each JWS against it, so every later ACME call comes
 * back through the proxy without rewriting anything.
 */
public final class FaultProxy implements AutoCloseable {
  private static final Pattern FINALIZE = Pattern.compile("\"finalize\"\\s*:\\s*\"https://[^/\"]+(/[^\"]*)\"");
  private static final Pattern NEW_ORDER = Pattern.compile("\"newOrder\"\\s*:\\s*\"https://[^/\"]+(/[^\"]*)\"");
  private static final Pattern NEW_ACCOUNT = Pattern.compile("\"newAccount\"\\s*:\\s*\"https://[^/\"]+(/[^\"]*)\"");
  private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"urn:ietf:params:acme:error:([^\"]+)\"");
  private static final Pattern JWS_PAYLOAD = Pattern.compile("\"payload\"\\s*:\\s*\"([^\"]*)\"");
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "transfer-encoding", "keep-alive", "date");

  /**
   * One request the proxy received, when, its JWS payload decoded (empty for a POST-as-GET or a
   * GET), and the status and ACME problem type (if any) it answered with.
   */
  public record Seen(String method, String path, String payload, Instant at, int status, String problem) {}

  /** A canned answer in place of the server's. */
  public record Fault(int status, String problemType, String detail, Duration retryAfter) {
    /** 429 with a rateLimited problem and Retry-After in whole seconds, as Let's Encrypt answers. */
    public static Fault rateLimited(Duration retryAfter) {
      return new Fault(429, "rateLimited", "too many new orders recently (fault injected by the test proxy)", retryAfter);
    }

    /** 503 with a serverInternal problem, as a CA behind an overloaded front end answers. */
    public static Fault unavailable() {
      return new Fault(503, "serverInternal", "the service is unavailable (fault injected by the test proxy)", null);
    }

    /** Any ACME problem type (without its urn:ietf:params:acme:error: prefix), such as 400 rejectedIdentifier. */
    public static Fault problem(int status, String type, String detail) {
      return new Fault(status, type, detail, null);
    }
  }

  /** A fault for matching requests; {@code afterForwarding}: the server acts on the request first and its answer is lost. */
  private record Rule(Predicate<Seen> matches, Fault fault, boolean afterForwarding, int[] left) {}

  private final HttpsServer server;
  private final ExecutorService executor;
  private final URI upstream;
  private final SSLContext upstreamTls;
  private final String caBundle;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final Set<String> finalizePaths = ConcurrentHashMap.newKeySet();
  private volatile String newOrderPath;
  private volatile String newAccountPath;

  private FaultProxy(URI upstream, String upstreamCaBundle) throws IOException, GeneralSecurityException {
    this.upstream = upstream;
    this.upstreamTls = AcmeSessions.sslContext(upstreamCaBundle, false);
    ServerTls tls = ServerTls.forLocalhost("certkeeper fault proxy CA");
    this.caBundle = tls.caBundle();
    this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    this.server.setHttpsConfigurator(new HttpsConfigurator(tls.context()));
    this.executor = Executors.newFixedThreadPool(4);
    this.server.setExecutor(executor);
    this.server.createContext("/", this::handle);
    this.server.start();
    // Learn the directory's paths at once, so a rule for them holds before the first client arrives.
    learn(forward("GET", upstream.getRawPath(), Map.of("User-Agent", List.of("certkeeper-fault-proxy")), new byte[0]).body());
  }

  /**
   * Starts a proxy for the ACME directory URL {@code directory}, whose server's certificate is
   * trusted through the base64 PEM {@code upstreamCaBundle}.
   */
  public static FaultProxy start(String directory, String upstreamCaBundle) {
    try {
      return new FaultProxy(URI.create(directory), upstreamCaBundle);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The directory URL to give the Issuer. */
  public String directory() {
    return origin() + upstream.getRawPath();
  }

  /** The proxy's CA, base64 PEM, for the Issuer's caBundle. */
  public String caBundle() {
    return caBundle;
  }

  /** New-account POSTs (the directory's newAccount URL). */
  public Predicate<Seen> newAccount() {
    return s -> s.method().equals("POST") && s.path().equals(newAccountPath);
  }

  /** New-order POSTs (the directory's newOrder URL). */
  public Predicate<Seen> newOrder() {
    return s -> s.method().equals("POST") && s.path().equals(newOrderPath);
  }

  /** Finalize POSTs (the finalize URLs of the orders that went through the proxy). */
  public Predicate<Seen> finalizeOrder() {
    return s -> s.method().equals("POST") && finalizePaths.contains(s.path());
  }

  /** Challenge POSTs that ask the CA to validate (payload {@code {}}), as opposed to fetches. */
  public Predicate<Seen> challengeTrigger() {
    return s -> s.method().equals("POST") && s.payload().equals("{}");
  }

  /** Answers the next {@code times} requests that match with the fault instead of forwarding them. */
  public void inject(Predicate<Seen> matches, int times, Fault fault) {
    rules.add(new Rule(matches, fault, false, new int[] {times}));
  }

  /**
   * Forwards the next {@code times} requests that match and the server accepts, then answers with
   * the fault in place of the server's answer: the request took effect, and the client cannot know.
   */
  public void loseAnswer(Predicate<Seen> matches, int times, Fault fault) {
    rules.add(new Rule(matches, fault, true, new int[] {times}));
  }

  /** Every request seen so far that matches, in order. */
  public List<Seen> seen(Predicate<Seen> matches) {
    return seen.stream().filter(matches).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private String origin() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getRawPath() + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
      byte[] body = exchange.getRequestBody().readAllBytes();
      Seen request = new Seen(method, path, payload(body), Instant.now(), 0, null);
      Fault fault = claimFault(request, false);
      if (fault != null) {
        seen.add(new Seen(method, path, request.payload(), request.at(), fault.status(), fault.problemType()));
        answer(exchange, fault);
        return;
      }
      Response response = forward(method, path, exchange.getRequestHeaders(), body);
      learn(response.body());
      Fault lost = response.status() < 400 ? claimFault(request, true) : null;
      if (lost != null) {
        seen.add(new Seen(method, path, request.payload(), request.at(), lost.status(), lost.problemType()));
        answer(exchange, lost);
        return;
      }
      Matcher problem = PROBLEM_TYPE.matcher(response.status() >= 400 ? new String(response.body(), StandardCharsets.UTF_8) : "");
      seen.add(new Seen(method, path, request.payload(), request.at(), response.status(), problem.find() ? problem.group(1) : null));
      response.headers().forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
          values.forEach(v -> exchange.getResponseHeaders().add(name, v));
        }
      });
      boolean noBody = method.equals("HEAD") || response.body().length == 0;
      exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
      if (!noBody) {
        exchange.getResponseBody().write(response.body());
      }
    }
  }

  private synchronized Fault claimFault(Seen request, boolean afterForwarding) {
    for (Rule rule : rules) {
      if (rule.afterForwarding() == afterForwarding && rule.left()[0] > 0 && rule.matches().test(request)) {
        rule.left()[0]--;
        return rule.fault();
      }
    }
    return null;
  }

  private static void answer(HttpExchange exchange, Fault fault) throws IOException {
    String json =
        "{\"type\":\"urn:ietf:params:acme:error:" + fault.problemType() + "\",\"detail\":\"" + fault.detail() + "\",\"status\":" + fault.status() + "}";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
    if (fault.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", Long.toString(fault.retryAfter().toSeconds()));
    }
    exchange.sendResponseHeaders(fault.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** The decoded payload of a JWS request body; empty for a POST-as-GET or a body that is not a JWS. */
  private static String payload(byte[] body) {
    Matcher payload = JWS_PAYLOAD.matcher(new String(body, StandardCharsets.UTF_8));
    return payload.find() ? new String(Base64.getUrlDecoder().decode(payload.group(1)), StandardCharsets.UTF_8) : "";
  }

  /** Remembers the new-account, new-order and finalize paths the server hands out, so rules can name them. */
  private void learn(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    Matcher newOrder = NEW_ORDER.matcher(text);
    if (newOrder.find()) {
      newOrderPath = newOrder.group(1);
    }
    Matcher newAccount = NEW_ACCOUNT.matcher(text);
    if (newAccount.find()) {
      newAccountPath = newAccount.group(1);
    }
    Matcher finalize = FINALIZE.matcher(text);
    while (finalize.find()) {
      finalizePaths.add(finalize.group(1));
    }
  }

  private record Response(int status, Map<String, List<String>> headers, byte[] body) {}

  /**
   * One request to the server over its own TLS connection, as HTTP/1.0 so that the answer is
   * never chunked and ends where the connection does.
   */
  private Response forward(String method, String path, Map<String, List<String>> requestHeaders, byte[] body) throws IOException {
    int port = upstream.getPort() == -1 ? 443 : upstream.getPort();
    try (SSLSocket socket = (SSLSocket) upstreamTls.getSocketFactory().createSocket(upstream.getHost(), port)) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(30_000);
      StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.0\r\nHost: " + URI.create(origin()).getAuthority() + "\r\n");
      requestHeaders.forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("host")) {
          values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n"));
        }
      });
      head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return parse(socket.getInputStream());
    }
  }

  private static Response parse(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    List<String> lines = new ArrayList<>();
    int i = 0;
    for (; i < all.length; i++) {
      if (all[i] == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
        line.reset();
        if (text.isEmpty()) {
          i++;
          break;
        }
        lines.add(text);
      } else {
        line.write(all[i]);
      }
    }
    if (lines.isEmpty()) {
      throw new IOException("empty answer from the upstream ACME server");
    }
    int status = Integer.parseInt(lines.get(0).split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String header : lines.subList(1, lines.size())) {
      int colon = header.indexOf(':');
      headers.computeIfAbsent(header.substring(0, colon).trim(), k -> new ArrayList<>()).add(header.substring(colon + 1).trim());
    }
    byte[] body = new byte[all.length - i];
    System.arraycopy(all, i, body, 0, body.length);
    return new Response(status, headers, body);
  }
}
