package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.testing.AcmeFixture;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.Openssl;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
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
  private static Fixture fixture;
  private static AcmeFixture acme;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "http01");
    acme = new AcmeFixture(fixture, environment);
    acme.createIssuer("pebble", AcmeFixture.NGINX_SOLVER);
  }

  @Test
  void issuesACertificateForTwoNamesAndRemovesTheSolvers() {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: two-names}\nspec:\n  secretName: two-names\n"
            + "  dnsNames: [one.http01.example.com, two.http01.example.com]\n  issuerRef: {name: pebble}\n");
    acme.awaitReady("two-names");
    Secret secret = fixture.secret("two-names").orElseThrow();
    String text = Openssl.run("x509", "-in", Openssl.file("http01", Fixture.data(secret, "tls.crt")).toString(), "-noout", "-text");
    assertThat(text).contains("DNS:one.http01.example.com", "DNS:two.http01.example.com");
    assertThat(acme.orders()).singleElement().satisfies(o -> assertThat(o.getStatus().state()).isEqualTo(AcmeState.VALID));
    // The CA may finish the order before the challenges controller has seen its validation.
    Await.until(
        Duration.ofSeconds(30),
        "both Challenges valid",
        () -> Optional.of(acme.challenges()).filter(cs -> cs.size() == 2 && cs.stream().allMatch(c -> c.getStatus() != null && c.getStatus().state() == AcmeState.VALID)),
        () -> acme.describe("two-names"));
    acme.awaitNoSolverObjects();
  }
}
