package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.testing.AcmeFixture;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code acme.cert-manager.io/http01-edit-in-place: "true"} on an ingress-shim Ingress: the
 * challenge path goes into the user's own Ingress while the challenge runs (no solver Ingress of
 * its own), and comes out again afterwards, leaving the Ingress as the user wrote it.
 */
@ExtendWith(LocalControlPlane.class)
class EditInPlaceIT {
  private static final String CHALLENGE_PATH = "/.well-known/acme-challenge/";
  private static Fixture fixture;
  private static AcmeFixture acme;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "edit-in-place");
    acme = new AcmeFixture(fixture, environment);
    acme.createIssuer("pebble", AcmeFixture.NGINX_SOLVER);
  }

  @Test
  void challengePathIsAddedToTheUsersIngressAndRemovedAfterwards() {
    String host = "app." + fixture.namespace + ".example.com";
    Ingress written = fixture.create(
        Ingress.class,
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: app
          annotations: {cert-manager.io/issuer: pebble, acme.cert-manager.io/http01-edit-in-place: "true"}
        spec:
          ingressClassName: nginx
          rules:
          - host: %s
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: app, port: {number: 80}}}}]}
          tls:
          - {secretName: app-tls, hosts: [%s]}
        """
            .formatted(host, host));

    HTTPIngressPath added = Await.until(
        AcmeFixture.ACME_TIMEOUT, "the challenge path in Ingress app", () -> challengePaths().stream().findFirst(), () -> String.valueOf(ingress().getSpec()));
    assertThat(added.getBackend().getService().getName()).startsWith("cm-acme-http-solver-");

    acme.awaitReady("app-tls");
    assertThat(acme.challenges()).singleElement().satisfies(c -> assertThat(c.getSpec().solver().http01().ingress().name()).isEqualTo("app"));
    Await.until(Fixture.TIMEOUT, "the challenge path gone from Ingress app", () -> Optional.of(true).filter(x -> challengePaths().isEmpty()), () -> String.valueOf(ingress().getSpec()));
    assertThat(ingress().getSpec().getRules()).as("the rules as the user wrote them").isEqualTo(written.getSpec().getRules());
    acme.awaitNoSolverObjects();
  }

  private static Ingress ingress() {
    return fixture.client.network().v1().ingresses().inNamespace(fixture.namespace).withName("app").get();
  }

  private static List<HTTPIngressPath> challengePaths() {
    return ingress().getSpec().getRules().stream()
        .map(IngressRule::getHttp)
        .filter(http -> http != null && http.getPaths() != null)
        .flatMap(http -> http.getPaths().stream())
        .filter(p -> p.getPath() != null && p.getPath().startsWith(CHALLENGE_PATH))
        .toList();
  }
}
