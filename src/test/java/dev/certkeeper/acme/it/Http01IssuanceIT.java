package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.Openssl;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Certificates issued by Pebble through HTTP-01: Pebble's validation reaches the operator's own
 * solver Pod through its Service and Ingress (served by the local stand-ins), and every solver
 * object is gone afterwards.
 */
@ExtendWith(LocalControlPlane.class)
class Http01IssuanceIT {
  private static final Duration ACME_TIMEOUT = Duration.ofSeconds(90);
  private static Fixture fixture;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "http01");
    fixture.create(
        Issuer.class,
        "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: pebble}\nspec:\n  acme:\n    server: " + environment.env("PEBBLE_DIRECTORY")
            + "\n    caBundle: " + environment.env("PEBBLE_CA_BUNDLE")
            + "\n    privateKeySecretRef: {name: pebble-account}\n    solvers:\n    - http01: {ingress: {ingressClassName: nginx}}\n");
    fixture.awaitIssuer("pebble", "True");
  }

  private static Certificate awaitReady(String name) {
    return Await.until(
        ACME_TIMEOUT,
        "Certificate " + name + " Ready=True",
        () -> Optional.ofNullable(fixture.certificate(name)).filter(c -> Fixture.condition(c, "Ready").map(r -> r.status().name().equals("TRUE")).orElse(false)),
        () -> String.valueOf(fixture.certificate(name).getStatus()) + "\norders: "
            + fixture.client.resources(Order.class).inNamespace(fixture.namespace).list().getItems().stream().map(o -> String.valueOf(o.getStatus())).toList()
            + "\nchallenges: "
            + fixture.client.resources(Challenge.class).inNamespace(fixture.namespace).list().getItems().stream().map(c -> String.valueOf(c.getStatus())).toList());
  }

  @Test
  void issuesACertificateForTwoNamesAndRemovesTheSolvers() {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: two-names}\nspec:\n  secretName: two-names\n"
            + "  dnsNames: [one.http01.example.com, two.http01.example.com]\n  issuerRef: {name: pebble}\n");
    awaitReady("two-names");
    Secret secret = fixture.secret("two-names").orElseThrow();
    String text = Openssl.run("x509", "-in", Openssl.file("http01", Fixture.data(secret, "tls.crt")).toString(), "-noout", "-text");
    assertThat(text).contains("DNS:one.http01.example.com", "DNS:two.http01.example.com");
    List<Order> orders = fixture.client.resources(Order.class).inNamespace(fixture.namespace).list().getItems();
    assertThat(orders).singleElement().satisfies(o -> assertThat(o.getStatus().state()).isEqualTo(AcmeState.VALID));
    // The CA may finish the order before the challenges controller has seen its validation.
    Await.until(
        Duration.ofSeconds(30),
        "both Challenges valid",
        () -> Optional.of(fixture.client.resources(Challenge.class).inNamespace(fixture.namespace).list().getItems())
            .filter(cs -> cs.size() == 2 && cs.stream().allMatch(c -> c.getStatus() != null && c.getStatus().state() == AcmeState.VALID)),
        () -> "challenges: " + fixture.client.resources(Challenge.class).inNamespace(fixture.namespace).list().getItems().stream().map(c -> String.valueOf(c.getStatus())).toList());
    Await.until(
        Duration.ofSeconds(30),
        "solver Pods, Services and Ingresses removed",
        () -> Optional.of(true).filter(x -> solverObjects() == 0),
        () -> solverObjects() + " solver objects left");
  }

  private static int solverObjects() {
    String label = "acme.cert-manager.io/http01-solver";
    return fixture.client.pods().inNamespace(fixture.namespace).withLabel(label).list().getItems().size()
        + fixture.client.services().inNamespace(fixture.namespace).withLabel(label).list().getItems().size()
        + fixture.client.network().v1().ingresses().inNamespace(fixture.namespace).withLabel(label).list().getItems().size();
  }
}
