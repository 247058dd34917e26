package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.acme.http01.SolverLabels;
import dev.certkeeper.testing.AcmeFixture;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * cert-manager's solver flags carry over: an operator started with cert-manager's
 * {@code --acme-http01-solver-*} resources and extra labels, {@code --concurrent-workers},
 * {@code --feature-gates} and {@code --v}, and a flag given twice, runs (saying which flags it
 * ignores), and its solver Pods have those resources and labels. The operator runs with these
 * flags for this class only.
 */
@ExtendWith(LocalControlPlane.class)
class SolverFlagsIT {
  private static LocalEnvironment environment;
  private static Fixture fixture;
  private static AcmeFixture acme;

  @BeforeAll
  static void setUp(LocalEnvironment env) {
    environment = env;
    environment.operator(
        "start", "--acme-http01-solver-resource-request-cpu=20m", "--acme-http01-solver-resource-request-memory=32Mi",
        "--acme-http01-solver-resource-limits-cpu=250m", "--acme-http01-solver-resource-limits-memory=96Mi",
        "--acme-http01-solver-extra-labels=team=platform,cost-centre=42", "--concurrent-workers=3", "--feature-gates=ACMEUseARI=true,ServerSideApply=true", "--v=2",
        // Given again (the local script sets it): the last value counts, as a chart's extraArgs may do.
        "--cluster-resource-namespace=certkeeper");
    fixture = new Fixture(env, "solver-flags");
    acme = new AcmeFixture(fixture, env);
    acme.createIssuer("pebble", AcmeFixture.NGINX_SOLVER);
  }

  @AfterAll
  static void operatorRunsWithItsDefaultsAgain() {
    environment.operator("start");
  }

  @Test
  void solverPodsGetTheResourcesAndLabelsOfCertManagersFlags() throws IOException {
    String name = "flags";
    // While the port is held the solver cannot start, so its Pod stays to be looked at.
    try (ServerSocket blocker = AcmeFixture.holdSolverPort()) {
      acme.createCertificate(name, "pebble");
      Pod pod = Await.until(
          Fixture.TIMEOUT, "a solver Pod",
          () -> fixture.client.pods().inNamespace(fixture.namespace).withLabel(SolverLabels.SOLVER, "true").list().getItems().stream().findFirst(),
          () -> acme.describe(name));

      Container solver = pod.getSpec().getContainers().get(0);
      assertThat(solver.getResources().getRequests()).containsExactlyInAnyOrderEntriesOf(Map.of("cpu", new Quantity("20m"), "memory", new Quantity("32Mi")));
      assertThat(solver.getResources().getLimits()).containsExactlyInAnyOrderEntriesOf(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("96Mi")));
      assertThat(pod.getMetadata().getLabels()).containsEntry("team", "platform").containsEntry("cost-centre", "42").containsEntry(SolverLabels.SOLVER, "true");
    }
    acme.awaitReady(name);
    acme.awaitNoSolverObjects();
    assertThat(environment.operatorLogSinceStart("operator")).contains("ignoring cert-manager's --feature-gates: certkeeper has no feature gates", "ignoring cert-manager's --v: ");
  }
}
