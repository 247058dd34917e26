package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.certkeeper.acme.http01.SolverLabels;
import dev.certkeeper.acme.http01.SolverObjects;
import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.testing.AcmeFixture;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
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
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * When the self-check fails, the Challenge says why, read from the solver's own objects or from the
 * answer itself, and the Certificate's Ready message repeats it with the domain; once the cause is
 * gone, issuance completes by itself. Causes: another backend answering (the domain resolves,
 * through challtestsrv for the self-check and Pebble alike, to another web server, as a stale DNS
 * record would send it), a stale AAAA record (which the CA tries first), a solver Pod that keeps crashing, a solver Service whose selector no longer
 * selects its Pod, and a solver Ingress of a class whose controller does not run.
 */
@ExtendWith(LocalControlPlane.class)
class SelfCheckDiagnosisIT {
  private static final String OTHER_ADDRESS = "127.0.0.2";
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
    HttpServer other = otherWebServer(OTHER_ADDRESS, 200);
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
  void aStaleAaaaRecordIsNamedAsTheCaWouldMeetItAndIssuanceCompletesOnceItGoes() throws IOException {
    String domain = "dual." + fixture.namespace + ".example.com";
    // The name keeps its A record (the solver, through the router on 127.0.0.1) and gains an AAAA
    // record for another web server: the CA would ask that one first.
    HttpServer old = otherWebServer("::1", 404);
    try {
      dns("add-aaaa", "{\"host\": \"" + domain + "\", \"addresses\": [\"::1\"]}");
      fixture.create(
          Certificate.class,
          "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: dual}\nspec:\n  secretName: dual\n  dnsNames: [" + domain
              + "]\n  issuerRef: {name: pebble}\n");

      acme.awaitCertificate("dual", Fixture.TIMEOUT, "Ready=False naming the IPv6 address the answer came from",
          r -> r.status().name().equals("FALSE") && r.message().contains(domain) && r.message().contains("over IPv6 (::1) answered with status 404")
              && r.message().contains("the AAAA record must lead to the solver as well"));
    } finally {
      dns("clear-aaaa", "{\"host\": \"" + domain + "\"}");
      old.stop(0);
    }

    acme.awaitReady("dual");
    acme.awaitNoSolverObjects();
  }

  @Test
  void crashingSolverPodIsNamedWithThePodsOwnReasonAndIssuanceCompletesOnceItRuns() throws IOException {
    String domain = "crashing." + fixture.namespace + ".example.com";
    // Solver processes listen on their Pod's address, port 8089: while this holds the port on every
    // address, each one fails to start and the pod runner reports CrashLoopBackOff, as a kubelet would.
    try (ServerSocket blocker = AcmeFixture.holdSolverPort()) {
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

  @Test
  void serviceSelectingNoPodIsNamedWithTheMissingLabelAndIssuanceCompletesOnceItSelectsThePodAgain() throws IOException {
    String domain = "unselected." + fixture.namespace + ".example.com";
    String podName;
    String token;
    // While the solver cannot start (see the crashing test), the test changes the Pod's token label,
    // as a mutating policy or a hand edit would, so that the Service's selector no longer selects it.
    try (ServerSocket blocker = AcmeFixture.holdSolverPort()) {
      fixture.create(
          Certificate.class,
          "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: unselected}\nspec:\n  secretName: unselected\n  dnsNames: [" + domain
              + "]\n  issuerRef: {name: pebble}\n");
      Challenge challenge = acme.awaitChallenge(Fixture.TIMEOUT, "the Challenge for " + domain, c -> c.getSpec().dnsName().equals(domain));
      podName = SolverObjects.name(challenge);
      Pod pod = Await.until(
          Fixture.TIMEOUT, "the solver Pod " + podName, () -> Optional.ofNullable(fixture.client.pods().inNamespace(fixture.namespace).withName(podName).get()),
          () -> acme.describe("unselected"));
      token = pod.getMetadata().getLabels().get(SolverLabels.TOKEN);
      relabel(podName, "0");
    }

    acme.awaitChallenge(
        Fixture.TIMEOUT, "the Challenge naming the Service, its selector and the Pod's label",
        c -> c.getSpec().dnsName().equals(domain) && c.getStatus() != null && c.getStatus().reason() != null
            && c.getStatus().reason().contains("the solver Service " + fixture.namespace + "/" + podName + " has no ready endpoints: its selector does not select the solver Pod")
            && c.getStatus().reason().contains(SolverLabels.TOKEN + "=" + token + " (the Pod has \"0\")"));
    acme.awaitCertificate("unselected", Fixture.TIMEOUT, "Ready=False naming the domain and the Service without endpoints",
        r -> r.status().name().equals("FALSE") && r.message().contains(domain) && r.message().contains("has no ready endpoints"));

    relabel(podName, token);

    acme.awaitReady("unselected");
    acme.awaitNoSolverObjects();
  }

  @Test
  void ingressOfAClassNoControllerServesIsNamedWithItsControllerAndIssuanceCompletesOnceTheSolverUsesNginx() {
    String className = "orphan-" + fixture.namespace;
    String domain = "orphaned." + fixture.namespace + ".example.com";
    IngressClass orphan = fixture.client.resource(
        new IngressClassBuilder().withNewMetadata().withName(className).endMetadata().withNewSpec().withController("example.com/none").endSpec().build()).create();
    try {
      acme.createIssuer("orphaned", "    - http01: {ingress: {ingressClassName: " + className + "}}\n");
      fixture.create(
          Certificate.class,
          "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: orphaned}\nspec:\n  secretName: orphaned\n  dnsNames: [" + domain
              + "]\n  issuerRef: {name: orphaned}\n");
      String noAddress = "has no address from its ingress controller: the IngressClass \"" + className + "\" belongs to the controller example.com/none";

      acme.awaitChallenge(
          Fixture.TIMEOUT, "the Challenge naming the Ingress without an address, its class and controller",
          c -> c.getSpec().dnsName().equals(domain) && c.getStatus() != null && c.getStatus().reason() != null && c.getStatus().reason().contains(noAddress));
      acme.awaitCertificate("orphaned", Fixture.TIMEOUT, "Ready=False naming the domain and the Ingress without an address",
          r -> r.status().name().equals("FALSE") && r.message().contains(domain) && r.message().contains(noAddress));

      acme.editIssuer("orphaned", "ingressClassName: \"" + className + "\"", "ingressClassName: \"nginx\"");

      acme.awaitReady("orphaned");
      acme.awaitNoSolverObjects();
    } finally {
      fixture.client.resource(orphan).delete();
    }
  }

  /** A web server on port 80 of {@code address} that answers every request with {@code status} and {@link #OTHER_PAGE}. */
  private static HttpServer otherWebServer(String address, int status) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, 80), 0);
    server.createContext("/", exchange -> {
      byte[] page = OTHER_PAGE.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    });
    server.start();
    return server;
  }

  /**
   * Sets the solver Pod's token label, which the solver Service's selector requires. A merge patch carries no
   * resourceVersion, so the local kubelet's status writes to the same Pod cannot make it conflict.
   */
  private static void relabel(String podName, String token) {
    fixture.client.pods().inNamespace(fixture.namespace).withName(podName)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"" + SolverLabels.TOKEN + "\":\"" + token + "\"}}}");
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
