package dev.certkeeper.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.certkeeper.api.acme.AcmeIssuer;
import dev.certkeeper.testing.FakeAcmeServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.Resource;

class AcmeSessionsTest {
  // The fake server's directory comes without caching headers, as Pebble's does.
  private final FakeAcmeServer server = new FakeAcmeServer();
  private final AcmeIssuer issuer =
      Serialization.unmarshal("{\"server\": \"" + server.directory() + "\", \"privateKeySecretRef\": {\"name\": \"account\"}}", AcmeIssuer.class);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aDirectoryWithoutCachingHeadersIsReadOnceNotBeforeEveryRequest() throws Exception {
    Session session = new AcmeSessions(UnaryOperator.identity()).session(issuer);

    session.resourceUrl(Resource.NEW_NONCE);
    session.resourceUrl(Resource.NEW_ORDER);
    session.getMetadata();

    assertEquals(1, server.requests("/dir"));
  }

  @Test
  void aServerUrlWithAnUpperCaseSchemeIsReached() throws Exception {
    AcmeIssuer upperCase = Serialization.unmarshal(
        "{\"server\": \"" + server.directory().toString().replace("http://", "HTTP://") + "\", \"privateKeySecretRef\": {\"name\": \"account\"}}", AcmeIssuer.class);

    new AcmeSessions(UnaryOperator.identity()).session(upperCase).resourceUrl(Resource.NEW_NONCE);

    assertEquals(1, server.requests("/dir"));
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
