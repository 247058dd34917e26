package dev.certkeeper.acme.challenges;

import dev.certkeeper.acme.http01.ChallengeInputs;
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
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;

/**
 * The HTTP-01 self-check: resolves the domain (through the configured nameservers, as the CA's
 * resolver would), fetches {@code http://<domain>/.well-known/acme-challenge/<token>} and compares
 * the body with the key. When it fails, {@link SolverDiagnosis} looks at the solver's own objects
 * to say why in words a user can act on.
 */
public final class SelfCheckPropagation implements Propagation {
  private static final int TIMEOUT_MILLIS = 10_000;
  private static final int BODY_LIMIT = 1 << 20;

  private final List<String> nameservers;
  private final SolverDiagnosis diagnosis;

  public SelfCheckPropagation(KubernetesClient client, List<String> nameservers) {
    this.nameservers = List.copyOf(nameservers);
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
      Response response = get(resolve(domain), domain, path);
      if (response.status() == 200 && response.body().equals(challenge.getSpec().key())) {
        return null;
      }
      return response.status() != 200
          ? "http://" + domain + path + " answered with status " + response.status() + " instead of 200" + shown(response.body())
          : "http://" + domain + path + " answered 200 but not with the key" + shown(response.body());
    } catch (IOException | NamingException | RuntimeException e) {
      return "http://" + domain + path + " could not be fetched: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  private static String shown(String body) {
    String flat = body.replaceAll("\\s+", " ").strip();
    if (flat.isEmpty()) {
      return " (empty body)";
    }
    return " (body: \"" + (flat.length() > 80 ? flat.substring(0, 80) + "…" : flat) + "\")";
  }

  private InetAddress resolve(String domain) throws IOException, NamingException {
    if (nameservers.isEmpty() || domain.matches("[0-9.]+") || domain.contains(":")) {
      return InetAddress.getByName(domain);
    }
    Hashtable<String, String> env = new Hashtable<>();
    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    env.put("java.naming.provider.url", String.join(" ", nameservers.stream().map(n -> "dns://" + n).toList()));
    env.put("com.sun.jndi.dns.timeout.initial", "2000");
    env.put("com.sun.jndi.dns.timeout.retries", "1");
    InitialDirContext context = new InitialDirContext(env);
    try {
      Attribute a = context.getAttributes(domain, new String[] {"A"}).get("A");
      if (a == null || a.size() == 0) {
        throw new IOException("the name " + domain + " has no A record at " + String.join(", ", nameservers));
      }
      return InetAddress.getByName((String) a.get(0));
    } finally {
      context.close();
    }
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
