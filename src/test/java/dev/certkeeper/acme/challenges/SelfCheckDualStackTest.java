package dev.certkeeper.acme.challenges;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.certkeeper.acme.dns.HostResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * For a name with A and AAAA records the self-check connects as Let's Encrypt does: over IPv6
 * first, over IPv4 only when that connection fails. Servers on 127.0.0.1 and ::1 share one port.
 */
class SelfCheckDualStackTest {
  private static final String DOMAIN = "app.example.com";
  private static final String PATH = "/.well-known/acme-challenge/tok";
  private static final String KEY = "tok.thumbprint";
  private static final HostResolver BOTH = (host, timeout) -> List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));

  private final List<HttpServer> servers = new ArrayList<>();
  private int port;

  @BeforeEach
  void reservePort() throws IOException {
    port = server("127.0.0.1", 0).getAddress().getPort();
  }

  @AfterEach
  void stopServers() {
    servers.forEach(s -> s.stop(0));
  }

  private HttpServer server(String address, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
    server.start();
    servers.add(server);
    return server;
  }

  private SelfCheckPropagation selfCheck(HostResolver resolver) {
    return new SelfCheckPropagation(null, resolver, port, port);
  }

  @Test
  void aWrongAnswerOverIpv6FailsEvenThoughIpv4Serves() throws IOException {
    servers.get(0).createContext(PATH, exchange -> answer(exchange, 200, KEY));
    server("::1", port).createContext(PATH, exchange -> answer(exchange, 404, "old web server"));

    assertThat(selfCheck(BOTH).fetch(DOMAIN, PATH, KEY)).satisfies(reason -> assertThat(reason)
        .contains("http://" + DOMAIN + PATH + " over IPv6 (::1) answered with status 404 instead of 200", "old web server")
        .contains("the CA too connects over IPv6 first when the name has an AAAA record", "the AAAA record must lead to the solver as well (or be removed)"));
  }

  @Test
  void theKeyOverIpv6IsEnough() throws IOException {
    servers.get(0).createContext(PATH, exchange -> answer(exchange, 404, "not this one"));
    server("::1", port).createContext(PATH, exchange -> answer(exchange, 200, KEY));

    assertThat(selfCheck(BOTH).fetch(DOMAIN, PATH, KEY)).isNull();
  }

  @Test
  void aFailedIpv6ConnectionFallsBackToIpv4() {
    servers.get(0).createContext(PATH, exchange -> answer(exchange, 200, KEY));

    assertThat(selfCheck(BOTH).fetch(DOMAIN, PATH, KEY)).isNull();
  }

  @Test
  void whenNeitherFamilyConnectsBothAreNamed() {
    servers.get(0).stop(0);

    assertThat(selfCheck(BOTH).fetch(DOMAIN, PATH, KEY)).satisfies(reason -> assertThat(reason)
        .contains("could not be fetched: connecting over IPv6 (::1) failed: ")
        .contains("; over IPv4 (127.0.0.1): "));
  }

  @Test
  void aNameWithOneFamilyIsFetchedOverIt() {
    servers.get(0).createContext(PATH, exchange -> answer(exchange, 404, "wrong"));

    assertThat(selfCheck((host, timeout) -> List.of(InetAddress.getByName("127.0.0.1"))).fetch(DOMAIN, PATH, KEY)).satisfies(reason -> assertThat(reason)
        .startsWith("http://" + DOMAIN + PATH + " answered with status 404")
        .doesNotContain("IPv6"));
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
