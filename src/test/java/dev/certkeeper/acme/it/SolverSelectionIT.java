package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeChallengeSolver;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.testing.AcmeFixture;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An issuer with several HTTP-01 solvers: each Challenge carries the one cert-manager's selector
 * rules pick (dnsNames over dnsZones; matchLabels from the Certificate's labels), and each is
 * solved through its own ingress class (nginx and traefik, both served by the local router).
 */
@ExtendWith(LocalControlPlane.class)
class SolverSelectionIT {
  private static Fixture fixture;
  private static AcmeFixture acme;
  private static String zone;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "selection");
    acme = new AcmeFixture(fixture, environment);
    zone = "zone." + fixture.namespace + ".example.com";
    acme.createIssuer(
        "pebble",
        "    - selector: {dnsZones: [" + zone + "]}\n      http01: {ingress: {ingressClassName: nginx}}\n"
            + "    - selector: {dnsNames: [exact." + zone + "]}\n      http01: {ingress: {ingressClassName: traefik}}\n"
            + "    - selector: {matchLabels: {team: blue}}\n      http01: {ingress: {ingressClassName: traefik}}\n");
  }

  @Test
  void eachChallengeCarriesTheSolverItsSelectorPicks() {
    String exact = "exact." + zone;
    String inZone = "other." + zone;
    String labelled = "blue." + fixture.namespace + ".example.com";
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: zoned}\nspec:\n  secretName: zoned\n  dnsNames: [" + exact + ", " + inZone
            + "]\n  issuerRef: {name: pebble}\n");
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: labelled, labels: {team: blue}}\nspec:\n  secretName: labelled\n  dnsNames: ["
            + labelled + "]\n  issuerRef: {name: pebble}\n");

    acme.awaitReady("zoned");
    acme.awaitReady("labelled");

    Map<String, AcmeChallengeSolver> solvers = Await.until(
        Fixture.TIMEOUT, "three Challenges", () -> Optional.of(acme.challenges()).filter(cs -> cs.size() == 3), () -> acme.describe("zoned"))
        .stream().collect(Collectors.toMap(c -> c.getSpec().dnsName(), c -> c.getSpec().solver()));
    assertThat(solvers.get(exact).selector().dnsNames()).as("dnsNames beats dnsZones").containsExactly(exact);
    assertThat(solvers.get(exact).http01().ingress().ingressClassName()).isEqualTo("traefik");
    assertThat(solvers.get(inZone).selector().dnsZones()).containsExactly(zone);
    assertThat(solvers.get(inZone).http01().ingress().ingressClassName()).isEqualTo("nginx");
    assertThat(solvers.get(labelled).selector().matchLabels()).isEqualTo(Map.of("team", "blue"));
    assertThat(solvers.get(labelled).http01().ingress().ingressClassName()).isEqualTo("traefik");
    acme.awaitNoSolverObjects();
  }
}
