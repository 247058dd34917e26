package dev.certkeeper.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.sun.net.httpserver.HttpServer;
import dev.certkeeper.api.acme.AcmeIssuer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.Resource;

class AcmeSessionsTest {
  private final AtomicInteger directoryReads = new AtomicInteger();
  private HttpServer server;
  private AcmeIssuer issuer;

  @BeforeEach
  void serveADirectoryWithoutCachingHeaders() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/dir", exchange -> {
      directoryReads.incrementAndGet();
      byte[] body = ("{\"newNonce\":\"" + base + "/nonce\",\"newAccount\":\"" + base + "/account\",\"newOrder\":\"" + base + "/order\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    issuer = Serialization.unmarshal("{\"server\": \"" + base + "/dir\", \"privateKeySecretRef\": {\"name\": \"account\"}}", AcmeIssuer.class);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aDirectoryWithoutCachingHeadersIsReadOnceNotBeforeEveryRequest() throws Exception {
    Session session = new AcmeSessions(UnaryOperator.identity()).session(issuer);

    session.resourceUrl(Resource.NEW_NONCE);
    session.resourceUrl(Resource.NEW_ORDER);
    session.getMetadata();

    assertEquals(1, directoryReads.get());
  }

  @Test
  void eachThreadHasItsOwnSessionSoRequestsToTheCaRunSideBySide() throws Exception {
    AcmeSessions sessions = new AcmeSessions(UnaryOperator.identity());

    Session here = sessions.session(issuer);
    Session elsewhere = CompletableFuture.supplyAsync(() -> sessions.session(issuer)).get();

    assertSame(here, sessions.session(issuer));
    assertNotSame(here, elsewhere);
    assertSame(here.getHttpClient(), elsewhere.getHttpClient(), "the threads' sessions share one HTTP client and its connections");
  }
}
