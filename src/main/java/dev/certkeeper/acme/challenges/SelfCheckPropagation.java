package dev.certkeeper.acme.challenges;

import dev.certkeeper.acme.AcmeSessions;
import dev.certkeeper.acme.dns.HostResolver;
import dev.certkeeper.acme.http01.ChallengeInputs;
import dev.certkeeper.acme.http01.SolverServer;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.pki.IpAddresses;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP-01 self-check: resolves the domain (through the configured nameservers, as the CA's
 * resolver would), fetches {@code http://<domain>/.well-known/acme-challenge/<token>} and compares
 * the body with the key, following redirects as the CA does (to http or https on ports 80 and 443,
 * without checking the certificate, at most 10) and choosing the address as it does (IPv6 first).
 * When it fails, {@link SolverDiagnosis} looks at the solver's own objects to say why in words a
 * user can act on.
 */
public final class SelfCheckPropagation implements Propagation {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int TIMEOUT_MILLIS = (int) TIMEOUT.toMillis();
  private static final int BODY_LIMIT = 1 << 20;
  private static final int REDIRECTS = 10;
  private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);
  private static final String IPV6_FIRST =
      "; the CA too connects over IPv6 first when the name has an AAAA record, and tries IPv4 only when that connection fails,"
          + " so the AAAA record must lead to the solver as well (or be removed)";

  private final HostResolver resolver;
  private final SolverDiagnosis diagnosis;
  private final int httpPort;
  private final int httpsPort;

  /** @param resolver resolves domains as the CA would: through {@code --acme-http01-self-check-nameservers} */
  public SelfCheckPropagation(KubernetesClient client, HostResolver resolver) {
    this(client, resolver, 80, 443);
  }

  /** With the ports of plain and TLS HTTP given, for tests that cannot bind 80 and 443. */
  SelfCheckPropagation(KubernetesClient client, HostResolver resolver, int httpPort, int httpsPort) {
    this.resolver = resolver;
    this.diagnosis = new SolverDiagnosis(client);
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
  }

  @Override
  public Optional<String> check(Challenge challenge) {
    String domain = challenge.getSpec().dnsName();
    String path = ChallengeInputs.challengePath(challenge.getSpec().token());
    String result = fetch(domain, path, challenge.getSpec().key());
    if (result == null) {
      return Optional.empty();
    }
    String message = diagnosis.explain(challenge).map(why -> why + " (self-check: " + result + ")").orElse(result);
    return Optional.of("Waiting for HTTP-01 challenge propagation: " + message);
  }

  /** Null when the key came back; otherwise what came back instead. */
  String fetch(String domain, String path, String key) {
    String start = "http://" + domain + path;
    URI url = URI.create("http://" + domain + ":" + httpPort + path);
    String shown = start;
    try {
      for (int redirects = 0; ; redirects++) {
        Response response = get(url, redirects == 0);
        Optional<String> location = REDIRECT_STATUSES.contains(response.status()) ? response.location() : Optional.empty();
        if (location.isEmpty()) {
          Optional<String> wrong = answer(shown + response.over(), response.status(), response.body(), key);
          // Advice about the AAAA record only when something other than the solver answered there.
          boolean elsewhere = !response.over().isEmpty() && !fromSolver(response.status(), response.body());
          return wrong.map(w -> elsewhere ? w + IPV6_FIRST : w).orElse(null);
        }
        if (redirects == REDIRECTS) {
          return start + " was redirected more than " + REDIRECTS + " times";
        }
        url = url.resolve(location.get());
        shown = start + " (redirected to " + location.get() + ")";
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
          return start + " was redirected to " + location.get() + ", which the CA does not follow: only http and https URLs are";
        }
        int port = port(url);
        if (port != httpPort && port != httpsPort) {
          return start + " was redirected to " + location.get() + ", which the CA does not follow: only ports 80 and 443 are";
        }
      }
    } catch (IOException | RuntimeException e) {
      return shown + " could not be fetched: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  private int port(URI url) {
    return url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? httpsPort : httpPort;
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
    if (fromSolver(status, body)) {
      return Optional.of(url + " answered with status 404 from the solver itself, which serves no challenge for that host and path");
    }
    String what = status == 200 ? " answered with status 200 but not with the key" : " answered with status " + status + " instead of 200";
    return Optional.of(url + what + "; another backend answered, not the solver" + shown(body));
  }

  /** The solver's own refusal: it answers 404 with its own body for a host or path it does not serve. */
  private static boolean fromSolver(int status, String body) {
    return status == 404 && body.equals(SolverServer.NOT_FOUND_BODY);
  }

  private static String shown(String body) {
    String flat = body.replaceAll("\\s+", " ").strip();
    if (flat.isEmpty()) {
      return " (empty body)";
    }
    return " (body: \"" + (flat.length() > 80 ? flat.substring(0, 80) + "…" : flat) + "\")";
  }

  /**
   * One answer; {@code over} names the address family it came over when the name has both (" over
   * IPv6 (2001:db8::1)"), else is empty.
   */
  private record Response(int status, String body, Optional<String> location, String over) {}

  /**
   * One request as the CA makes it: to an IPv6 address first when the name has one; over IPv4 only
   * when that connection fails and this is the first request of the validation (Let's Encrypt's
   * rule: no retry after a wrong answer, nor on a redirect's request).
   */
  private Response get(URI url, boolean firstRequest) throws IOException {
    List<InetAddress> addresses = resolver.resolve(url.getHost(), TIMEOUT);
    Optional<InetAddress> ipv6 = addresses.stream().filter(a -> a instanceof Inet6Address).findFirst();
    Optional<InetAddress> ipv4 = addresses.stream().filter(a -> a instanceof Inet4Address).findFirst();
    if (ipv6.isEmpty() || ipv4.isEmpty()) {
      return get(url, connect(url, addresses.get(0)), "");
    }
    Socket socket;
    try {
      socket = connect(url, ipv6.get());
    } catch (IOException overIpv6) {
      String failed = "connecting over IPv6 (" + text(ipv6.get()) + ") failed: " + reason(overIpv6);
      if (!firstRequest) {
        throw new IOException(failed, overIpv6);
      }
      try {
        return get(url, connect(url, ipv4.get()), "");
      } catch (IOException overIpv4) {
        throw new IOException(failed + "; over IPv4 (" + text(ipv4.get()) + "): " + reason(overIpv4), overIpv4);
      }
    }
    return get(url, socket, " over IPv6 (" + text(ipv6.get()) + ")");
  }

  private Socket connect(URI url, InetAddress address) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(address, port(url)), TIMEOUT_MILLIS);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** The address as users write it (::1, not 0:0:0:0:0:0:0:1). */
  private static String text(InetAddress address) {
    return IpAddresses.normalise(address.getHostAddress());
  }

  private static String reason(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private Response get(URI url, Socket connected, String over) throws IOException {
    String host = url.getHost();
    String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath()) + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    try (Socket plain = connected) {
      plain.setSoTimeout(TIMEOUT_MILLIS);
      // The CA checks no certificate on a redirect to https, so neither does the self-check.
      Socket socket = "https".equalsIgnoreCase(url.getScheme())
          ? AcmeSessions.sslContext(null, true).getSocketFactory().createSocket(plain, host, port(url), true)
          : plain;
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
      String[] lines = text.substring(0, headerEnd).split("\r\n");
      String[] statusLine = lines[0].split(" ");
      String body = text.substring(headerEnd + 4);
      if (header(lines, "transfer-encoding").filter(v -> v.equalsIgnoreCase("chunked")).isPresent()) {
        body = dechunk(body);
      }
      return new Response(Integer.parseInt(statusLine[1]), body, header(lines, "location"), over);
    }
  }

  private static Optional<String> header(String[] lines, String name) {
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase(name)) {
        return Optional.of(lines[i].substring(colon + 1).trim());
      }
    }
    return Optional.empty();
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
