package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.certmanager.ClusterIssuer;
import dev.certkeeper.pki.CertificateInfo;
import dev.certkeeper.pki.Pem;
import dev.certkeeper.testing.AcmeFixture;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What most users install certkeeper for: an Ingress annotated with an ACME ClusterIssuer gets a
 * certificate from the CA (Pebble) for all its hosts, validated over HTTP-01 through the
 * operator's own solver objects, which are gone afterwards.
 */
@ExtendWith(LocalControlPlane.class)
class IngressAcmeIT {
  private static Fixture fixture;
  private static AcmeFixture acme;
  private static String issuer;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "ingress-acme");
    acme = new AcmeFixture(fixture, environment);
    // ClusterIssuers are cluster-wide: named after this run's namespace so runs never share one.
    issuer = fixture.namespace + "-pebble";
    fixture.create(ClusterIssuer.class, acme.issuer("ClusterIssuer", issuer, AcmeFixture.NGINX_SOLVER));
    fixture.awaitClusterIssuer(issuer);
  }

  @AfterAll
  static void removeClusterIssuer() {
    if (issuer != null) {
      fixture.client.resources(ClusterIssuer.class).withName(issuer).delete();
    }
  }

  @Test
  void annotatedIngressWithTwoHostsGetsACertificateFromTheCaForBoth() {
    String one = "shop." + fixture.namespace + ".example.com";
    String two = "www." + fixture.namespace + ".example.com";
    fixture.create(
        Ingress.class,
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations: {cert-manager.io/cluster-issuer: %s}
        spec:
          ingressClassName: nginx
          rules:
          - host: %s
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}]}
          - host: %s
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}]}
          tls:
          - {secretName: shop-tls, hosts: [%s, %s]}
        """
            .formatted(issuer, one, two, one, two));

    acme.awaitReady("shop-tls");

    List<X509Certificate> chain = Pem.parseCertificates(Fixture.text(fixture.secret("shop-tls").orElseThrow(), "tls.crt"));
    assertThat(chain).as("leaf and Pebble's intermediate").hasSizeGreaterThanOrEqualTo(2);
    assertThat(chain.get(0).getIssuerX500Principal().getName()).contains("Pebble Intermediate CA");
    assertThat(CertificateInfo.of(chain.get(0)).alternativeNames().dnsNames()).containsExactlyInAnyOrder(one, two);
    assertThat(acme.orders()).singleElement().satisfies(o -> assertThat(o.getStatus().state()).isEqualTo(AcmeState.VALID));
    acme.awaitNoSolverObjects();
    assertThat(fixture.client.network().v1().ingresses().inNamespace(fixture.namespace).withName("shop").get().getSpec().getRules())
        .as("the user's Ingress is left as written")
        .hasSize(2)
        .allSatisfy(rule -> assertThat(rule.getHttp().getPaths()).singleElement().satisfies(p -> assertThat(p.getPath()).isEqualTo("/")));
  }
}
