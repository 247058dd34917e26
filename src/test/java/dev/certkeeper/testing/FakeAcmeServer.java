package dev.certkeeper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal ACME server on a free local port, for unit tests of single requests: a directory
 * (newNonce, newAccount, newOrder), nonces, and the answers a test sets per path. It keeps the
 * decoded JWS payload last sent to each path, and counts the requests to each.
 */
public final class FakeAcmeServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final Map<String, JsonNode> payloads = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

  public FakeAcmeServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    answer("/dir", 200, "application/json",
        "{\"newNonce\":\"" + url("/nonce") + "\",\"newAccount\":\"" + url("/account") + "\",\"newOrder\":\"" + url("/order") + "\"}", Map.of());
    answer("/nonce", 200, null, null, Map.of());
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public URI directory() {
    return URI.create(url("/dir"));
  }

  /** Answers every request to {@code path} so; a null body sends none. */
  public void answer(String path, int status, String contentType, String body, Map<String, String> headers) {
    server.createContext(path, exchange -> {
      record(path, exchange);
      exchange.getResponseHeaders().add("Replay-Nonce", "bm9uY2U");
      if (contentType != null) {
        exchange.getResponseHeaders().add("Content-Type", contentType);
      }
      headers.forEach(exchange.getResponseHeaders()::add);
      byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    });
  }

  /** The decoded payload of the last JWS posted to {@code path}. */
  public JsonNode payload(String path) {
    return payloads.get(path);
  }

  /** How many requests {@code path} was sent. */
  public int requests(String path) {
    return requests.getOrDefault(path, new AtomicInteger()).get();
  }

  /** A base64url JSON text decoded, as JWS parts are. */
  public static JsonNode decoded(String base64url) {
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(base64url));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void record(String path, HttpExchange exchange) throws IOException {
    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (body.length > 0) {
      String payload = JSON.readTree(body).path("payload").asText();
      if (!payload.isEmpty()) {
        payloads.put(path, decoded(payload));
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
