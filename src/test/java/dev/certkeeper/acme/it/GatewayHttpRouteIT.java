package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.testing.AcmeFixture;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTP-01 through the Gateway API (solvers of type gatewayHTTPRoute): Pebble's validation reaches
 * the solver Pod through an HTTPRoute attached to a Gateway, which the local router serves as a
 * Gateway controller for the GatewayClass "local"; a Gateway that refuses the route is named
 * with its reason, and fixing the Gateway is enough.
 */
@ExtendWith(LocalControlPlane.class)
class GatewayHttpRouteIT {
  private static Fixture fixture;
  private static AcmeFixture acme;
  private static String gatewayNamespace;
  /** Every solver HTTPRoute seen in the namespace, by name, as last seen before it went. */
  private static final Map<String, HTTPRoute> routesSeen = new ConcurrentHashMap<>();
  private static Watch routeWatch;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "gateway");
    acme = new AcmeFixture(fixture, environment);
    gatewayNamespace = environment.createNamespace("gateways");
    routeWatch = fixture.client.resources(HTTPRoute.class).inNamespace(fixture.namespace).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, HTTPRoute route) {
        if (action != Action.DELETED) {
          routesSeen.put(route.getMetadata().getName(), route);
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
  }

  @AfterAll
  static void stopWatching() {
    routeWatch.close();
  }

  /** A Gateway of the local class with one HTTP listener "http" on port 80 admitting routes from {@code from} ("Same" or "All"). */
  private static void gateway(String namespace, String name, String from) {
    fixture.client.resource(fixture.client.getKubernetesSerialization().unmarshal(
            "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: " + name + ", namespace: " + namespace + "}\n"
                + "spec:\n  gatewayClassName: local\n  listeners:\n  - {name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: " + from + "}}}\n",
            GenericKubernetesResource.class))
        .create();
  }

  @Test
  void issuesThroughAnHttpRouteOnTheGatewayAndRemovesIt() {
    gateway(fixture.namespace, "public", "Same");
    acme.createIssuer("gateway", "    - http01:\n        gatewayHTTPRoute:\n          labels: {via: gateway}\n          parentRefs: [{name: public, sectionName: http}]\n");
    acme.createCertificate("through-gateway", "gateway");

    acme.awaitReady("through-gateway");

    String domain = "through-gateway." + fixture.namespace + ".example.com";
    List<HTTPRoute> routes = routesSeen.values().stream().filter(r -> r.getSpec().getHostnames().contains(domain)).toList();
    assertThat(routes).singleElement().satisfies(route -> {
      assertThat(route.getMetadata().getLabels()).containsEntry("via", "gateway").containsEntry("acme.cert-manager.io/http01-solver", "true");
      assertThat(route.getSpec().getParentRefs()).singleElement().satisfies(parent -> {
        assertThat(parent.getName()).isEqualTo("public");
        assertThat(parent.getSectionName()).isEqualTo("http");
      });
      assertThat(route.getSpec().getRules().get(0).getMatches().get(0).getPath().getValue()).startsWith("/.well-known/acme-challenge/");
    });
    acme.awaitNoSolverObjects();
  }

  @Test
  void aGatewayThatRefusesTheRouteIsNamedWithItsReasonAndFixingItIsEnough() {
    gateway(gatewayNamespace, "shared", "Same");
    acme.createIssuer("shared", "    - http01:\n        gatewayHTTPRoute:\n          parentRefs: [{name: shared, namespace: " + gatewayNamespace + "}]\n");
    acme.createCertificate("refused-route", "shared");

    Certificate refused = acme.awaitCertificate("refused-route", AcmeFixture.ACME_TIMEOUT, "Ready naming the Gateway's refusal",
        r -> r.message().contains("did not accept the solver HTTPRoute"));
    assertThat(Fixture.condition(refused, "Ready").orElseThrow().message())
        .contains("refused-route." + fixture.namespace + ".example.com", "Gateway " + gatewayNamespace + "/shared", "NotAllowedByListeners");

    fixture.client.genericKubernetesResources("gateway.networking.k8s.io/v1", "Gateway").inNamespace(gatewayNamespace).withName("shared")
        .patch(PatchContext.of(PatchType.JSON), "[{\"op\": \"replace\", \"path\": \"/spec/listeners/0/allowedRoutes/namespaces/from\", \"value\": \"All\"}]");
    acme.awaitReady("refused-route");
    acme.awaitNoSolverObjects();
  }
}
