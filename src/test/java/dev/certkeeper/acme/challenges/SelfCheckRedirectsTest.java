package dev.certkeeper.acme.challenges;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.certkeeper.acme.dns.HostResolver;
import dev.certkeeper.testing.ServerTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The self-check follows redirects as the CA does, over plain HTTP and TLS servers on 127.0.0.1. */
class SelfCheckRedirectsTest {
  private static final String DOMAIN = "app.example.com";
  private static final String TOKEN = "tok";
  private static final String KEY = "tok.thumbprint";
  private static final String PATH = "/.well-known/acme-challenge/" + TOKEN;
  private static final HostResolver LOCALHOST = (host, timeout) -> List.of(InetAddress.getLoopbackAddress());

  private HttpServer http;
  private HttpsServer https;
  private SelfCheckPropagation selfCheck;

  @BeforeEach
  void startServers() throws Exception {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(ServerTls.forLocalhost("self-check test CA").context()));
    https.createContext(PATH, exchange -> answer(exchange, 200, KEY, null));
    http.start();
    https.start();
    selfCheck = new SelfCheckPropagation(null, LOCALHOST, http.getAddress().getPort(), https.getAddress().getPort());
  }

  @AfterEach
  void stopServers() {
    http.stop(0);
    https.stop(0);
  }

  @Test
  void followsARedirectToHttpsWithoutCheckingItsCertificate() {
    http.createContext(PATH, exchange -> answer(exchange, 308, "", "https://" + DOMAIN + ":" + https.getAddress().getPort() + PATH));

    assertThat(selfCheck.fetch(DOMAIN, PATH, KEY)).isNull();
  }

  @Test
  void followsARelativeRedirect() {
    http.createContext(PATH, exchange -> answer(exchange, 302, "", "/moved/" + TOKEN));
    http.createContext("/moved/", exchange -> answer(exchange, 200, KEY, null));

    assertThat(selfCheck.fetch(DOMAIN, PATH, KEY)).isNull();
  }

  @Test
  void saysWhereARedirectLedWhenTheKeyIsNotThere() {
    http.createContext(PATH, exchange -> answer(exchange, 301, "", "/login"));
    http.createContext("/login", exchange -> answer(exchange, 200, "<h1>Sign in</h1>", null));

    assertThat(selfCheck.fetch(DOMAIN, PATH, KEY)).satisfies(reason -> assertThat(reason)
        .contains("http://" + DOMAIN + PATH + " (redirected to /login) answered with status 200 but not with the key")
        .contains("Sign in"));
  }

  @Test
  void refusesARedirectToAPortTheCaWouldNotFollow() {
    http.createContext(PATH, exchange -> answer(exchange, 307, "", "http://" + DOMAIN + ":1" + PATH));

    assertThat(selfCheck.fetch(DOMAIN, PATH, KEY)).satisfies(reason -> assertThat(reason)
        .contains("was redirected to http://" + DOMAIN + ":1" + PATH + ", which the CA does not follow: only ports 80 and 443 are"));
  }

  @Test
  void stopsAfterTenRedirects() {
    http.createContext(PATH, exchange -> answer(exchange, 302, "", PATH));

    assertThat(selfCheck.fetch(DOMAIN, PATH, KEY)).satisfies(reason -> assertThat(reason).contains("was redirected more than 10 times"));
  }

  private static void answer(HttpExchange exchange, int status, String body, String location) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Optional.ofNullable(location).ifPresent(l -> exchange.getResponseHeaders().add("Location", l));
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
