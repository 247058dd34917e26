package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.testing.AcmeFixture;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * When the self-check fails, the Challenge says why, read from the solver's own objects or from the
 * answer itself, and the Certificate's Ready message repeats it with the domain; once the cause is
 * gone, issuance completes by itself. Causes: another backend answering (the domain resolves,
 * through challtestsrv for the self-check and Pebble alike, to another web server, as a stale DNS
 * record would send it), and a solver Pod that keeps crashing.
 */
@ExtendWith(LocalControlPlane.class)
class SelfCheckDiagnosisIT {
  private static final String OTHER_ADDRESS = "127.0.0.2";
  private static final int SOLVER_PORT = 8089;
  private static final String OTHER_PAGE = "<html><head><title>This domain is parked</title></head><body>Parked by a registrar</body></html>";
  private static LocalEnvironment environment;
  private static Fixture fixture;
  private static AcmeFixture acme;

  @BeforeAll
  static void setUp(LocalEnvironment env) {
    environment = env;
    fixture = new Fixture(env, "diagnosis");
    acme = new AcmeFixture(fixture, env);
    acme.createIssuer("pebble", AcmeFixture.NGINX_SOLVER);
  }

  @Test
  void anotherBackendAnsweringIsNamedWithItsBodyAndIssuanceCompletesOnceTheNameIsPutRight() throws IOException {
    String domain = "parked." + fixture.namespace + ".example.com";
    HttpServer other = HttpServer.create(new InetSocketAddress(OTHER_ADDRESS, 80), 0);
    other.createContext("/", exchange -> {
      byte[] page = OTHER_PAGE.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    });
    other.start();
    try {
      dns("add-a", "{\"host\": \"" + domain + "\", \"addresses\": [\"" + OTHER_ADDRESS + "\"]}");
      fixture.create(
          Certificate.class,
          "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: parked}\nspec:\n  secretName: parked\n  dnsNames: [" + domain
              + "]\n  issuerRef: {name: pebble}\n");

      acme.awaitChallenge(
          Fixture.TIMEOUT, "the Challenge naming another backend and its page",
          c -> c.getStatus() != null && c.getStatus().reason() != null && c.getStatus().reason().contains("another backend answered, not the solver")
              && c.getStatus().reason().contains("This domain is parked"));
      acme.awaitCertificate("parked", Fixture.TIMEOUT, "Ready=False naming the domain and the other backend",
          r -> r.status().name().equals("FALSE") && r.message().contains(domain) && r.message().contains("another backend answered, not the solver"));
    } finally {
      dns("clear-a", "{\"host\": \"" + domain + "\"}");
      other.stop(0);
    }

    acme.awaitReady("parked");
    assertThat(acme.orders()).extracting(o -> o.getStatus().state()).contains(AcmeState.VALID);
    acme.awaitNoSolverObjects();
  }

  @Test
  void crashingSolverPodIsNamedWithThePodsOwnReasonAndIssuanceCompletesOnceItRuns() throws IOException {
    String domain = "crashing." + fixture.namespace + ".example.com";
    // Solver processes listen on their Pod's address, port 8089: while this holds the port on every
    // address, each one fails to start and the pod runner reports CrashLoopBackOff, as a kubelet would.
    try (ServerSocket blocker = new ServerSocket()) {
      blocker.bind(new InetSocketAddress("0.0.0.0", SOLVER_PORT));
      fixture.create(
          Certificate.class,
          "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: crashing}\nspec:\n  secretName: crashing\n  dnsNames: [" + domain
              + "]\n  issuerRef: {name: pebble}\n");

      acme.awaitChallenge(
          Fixture.TIMEOUT, "the Challenge naming the solver Pod and its reason",
          c -> c.getSpec().dnsName().equals(domain) && c.getStatus() != null && c.getStatus().reason() != null
              && c.getStatus().reason().contains("the solver Pod " + fixture.namespace + "/cm-acme-http-solver-") && c.getStatus().reason().contains("is not Ready: CrashLoopBackOff"));
      acme.awaitCertificate("crashing", Fixture.TIMEOUT, "Ready=False naming the domain and the crashing Pod",
          r -> r.status().name().equals("FALSE") && r.message().contains(domain) && r.message().contains("CrashLoopBackOff"));
    }

    acme.awaitReady("crashing");
    acme.awaitNoSolverObjects();
  }

  /** A call to challtestsrv's management API, which serves the DNS names the self-check and Pebble resolve. */
  private static void dns(String action, String json) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(environment.env("CHALLTESTSRV_MGMT") + "/" + action)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("challtestsrv " + action + ": " + response.body()).isEqualTo(200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
