package dev.certkeeper.acme.challenges;

import dev.certkeeper.acme.dns.HostResolver;
import dev.certkeeper.acme.http01.ChallengeInputs;
import dev.certkeeper.acme.http01.SolverServer;
import dev.certkeeper.api.acme.Challenge;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP-01 self-check: resolves the domain (through the configured nameservers, as the CA's
 * resolver would), fetches {@code http://<domain>/.well-known/acme-challenge/<token>} and compares
 * the body with the key. When it fails, {@link SolverDiagnosis} looks at the solver's own objects
 * to say why in words a user can act on.
 */
public final class SelfCheckPropagation implements Propagation {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int TIMEOUT_MILLIS = (int) TIMEOUT.toMillis();
  private static final int BODY_LIMIT = 1 << 20;

  private final HostResolver resolver;
  private final SolverDiagnosis diagnosis;

  /** @param resolver resolves domains as the CA would: through {@code --acme-http01-self-check-nameservers} */
  public SelfCheckPropagation(KubernetesClient client, HostResolver resolver) {
    this.resolver = resolver;
    this.diagnosis = new SolverDiagnosis(client);
  }

  @Override
  public Optional<String> check(Challenge challenge) {
    String domain = challenge.getSpec().dnsName();
    String path = ChallengeInputs.challengePath(challenge.getSpec().token());
    String result = fetch(challenge, domain, path);
    if (result == null) {
      return Optional.empty();
    }
    String message = diagnosis.explain(challenge).map(why -> why + " (self-check: " + result + ")").orElse(result);
    return Optional.of("Waiting for HTTP-01 challenge propagation: " + message);
  }

  /** Null when the key came back; otherwise what came back instead. */
  private String fetch(Challenge challenge, String domain, String path) {
    try {
      Response response = get(resolver.resolve(domain, TIMEOUT).get(0), domain, path);
      return answer("http://" + domain + path, response.status(), response.body(), challenge.getSpec().key()).orElse(null);
    } catch (IOException | RuntimeException e) {
      return "http://" + domain + path + " could not be fetched: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /**
   * What an answer says, empty when it is the key. The solver answers only 200 with the key or 404
   * with its own body, so anything else came from another backend (a user's route, the ingress
   * controller's default, another server the name resolves to).
   */
  static Optional<String> answer(String url, int status, String body, String key) {
    if (status == 200 && body.equals(key)) {
      return Optional.empty();
    }
    if (status == 404 && body.equals(SolverServer.NOT_FOUND_BODY)) {
      return Optional.of(url + " answered with status 404 from the solver itself, which serves no challenge for that host and path");
    }
    String what = status == 200 ? " answered with status 200 but not with the key" : " answered with status " + status + " instead of 200";
    return Optional.of(url + what + "; another backend answered, not the solver" + shown(body));
  }

  private static String shown(String body) {
    String flat = body.replaceAll("\\s+", " ").strip();
    if (flat.isEmpty()) {
      return " (empty body)";
    }
    return " (body: \"" + (flat.length() > 80 ? flat.substring(0, 80) + "…" : flat) + "\")";
  }

  private record Response(int status, String body) {}

  private static Response get(InetAddress address, String host, String path) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, 80), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: certkeeper-self-check\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      int n;
      while ((n = in.read(chunk)) != -1 && buffer.size() < BODY_LIMIT) {
        buffer.write(chunk, 0, n);
      }
      String text = buffer.toString(StandardCharsets.UTF_8);
      int headerEnd = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/") || headerEnd < 0) {
        throw new IOException("the answer was not HTTP");
      }
      String[] statusLine = text.substring(0, text.indexOf("\r\n")).split(" ");
      String headers = text.substring(0, headerEnd).toLowerCase(java.util.Locale.ROOT);
      String body = text.substring(headerEnd + 4);
      if (headers.contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      return new Response(Integer.parseInt(statusLine[1]), body);
    }
  }

  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      int lineEnd = body.indexOf("\r\n", i);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(body.substring(i, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
      i = lineEnd + 2 + size + 2;
    }
    return out.toString();
  }
}
