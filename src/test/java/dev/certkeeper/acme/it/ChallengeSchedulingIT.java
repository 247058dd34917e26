package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.acme.http01.SolverLabels;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.testing.AcmeFixture;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code --max-concurrent-challenges}: with a limit of one, a second Challenge is not presented
 * while the first is being solved, says why (and so does its Certificate), and starts as soon as
 * the first ends. The operator runs with the limit for this class only.
 */
@ExtendWith(LocalControlPlane.class)
class ChallengeSchedulingIT {
  private static LocalEnvironment environment;
  private static Fixture fixture;
  private static AcmeFixture acme;

  @BeforeAll
  static void setUp(LocalEnvironment env) {
    environment = env;
    environment.operator("start", "--max-concurrent-challenges=1");
    fixture = new Fixture(env, "scheduling");
    acme = new AcmeFixture(fixture, env);
    acme.createIssuer("pebble", AcmeFixture.NGINX_SOLVER);
  }

  @AfterAll
  static void operatorRunsWithItsDefaultsAgain() {
    environment.operator("start");
  }

  @Test
  void aChallengeBeyondTheLimitWaitsSayingWhyAndStartsWhenThePlaceFrees() throws IOException {
    // While the port is held, the first Challenge's solver cannot start, so it keeps its place.
    try (ServerSocket blocker = AcmeFixture.holdSolverPort()) {
      certificate("first");
      Challenge running = acme.awaitChallenge(Fixture.TIMEOUT, "the first Challenge presented", c -> domainOf(c).startsWith("first.") && presented(c));
      certificate("second");

      Challenge waiting = acme.awaitChallenge(
          Fixture.TIMEOUT, "the second Challenge waiting for a place",
          c -> domainOf(c).startsWith("second.") && c.getStatus() != null && c.getStatus().reason() != null
              && c.getStatus().reason().startsWith("Waiting for a free place: 1 challenge is being solved, the most allowed at once (--max-concurrent-challenges)"));
      assertThat(presented(waiting)).isFalse();
      assertThat(fixture.client.pods().inNamespace(fixture.namespace).withLabel(SolverLabels.SOLVER, "true").list().getItems())
          .as("solver Pods while one place is taken")
          .singleElement()
          .satisfies(pod -> assertThat(pod.getMetadata().getOwnerReferences()).anySatisfy(o -> assertThat(o.getUid()).isEqualTo(running.getMetadata().getUid())));
      acme.awaitCertificate("second", Fixture.TIMEOUT, "Ready=False saying it waits for a place", r -> r.message().contains("Waiting for a free place"));
    }

    Certificate first = acme.awaitReady("first");
    Certificate second = acme.awaitReady("second");
    assertThat(first.getStatus().revision()).isEqualTo(1);
    assertThat(second.getStatus().revision()).isEqualTo(1);
    acme.awaitNoSolverObjects();
  }

  private static void certificate(String name) {
    acme.createCertificate(name, "pebble");
  }

  private static String domainOf(Challenge challenge) {
    return challenge.getSpec().dnsName();
  }

  private static boolean presented(Challenge challenge) {
    return challenge.getStatus() != null && Boolean.TRUE.equals(challenge.getStatus().presented());
  }
}
