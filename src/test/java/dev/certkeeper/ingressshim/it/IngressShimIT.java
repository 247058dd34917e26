package dev.certkeeper.ingressshim.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.ClusterIssuer;
import dev.certkeeper.api.meta.IssuerReference;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ingress-shim on the running operator: annotated Ingresses get Certificates they control,
 * which follow the Ingress's edits, go when their TLS entry goes, and become Ready with a Secret;
 * a bad Ingress gets a Warning and no writes; someone else's Certificate is left alone.
 */
@ExtendWith(LocalControlPlane.class)
class IngressShimIT {
  private static Fixture fixture;
  private static String issuer;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "shim");
    // ClusterIssuers are cluster-wide: named after this run's namespace so runs never share one.
    issuer = fixture.namespace + "-selfsigned";
    fixture.create(ClusterIssuer.class, "apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: " + issuer + "}\nspec: {selfSigned: {}}");
    fixture.awaitClusterIssuer(issuer);
  }

  @AfterAll
  static void removeClusterIssuer() {
    if (issuer != null) {
      fixture.client.resources(ClusterIssuer.class).withName(issuer).delete();
    }
  }

  @Test
  void anAnnotatedIngressGetsACertificateItControlsThatBecomesReadyWithItsSecret() {
    Ingress ingress = createIngress("web", "cert-manager.io/cluster-issuer: " + issuer, tls("web-tls", "web.example.com", "www.example.com"));

    Certificate certificate = fixture.awaitCertificate("web-tls", "True");

    assertThat(certificate.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(owner -> {
          assertThat(owner.getUid()).isEqualTo(ingress.getMetadata().getUid());
          assertThat(owner.getKind()).isEqualTo("Ingress");
          assertThat(owner.getController()).isTrue();
        });
    assertThat(certificate.getSpec().secretName()).isEqualTo("web-tls");
    assertThat(certificate.getSpec().dnsNames()).containsExactly("web.example.com", "www.example.com");
    assertThat(certificate.getSpec().issuerRef()).isEqualTo(new IssuerReference(issuer, "ClusterIssuer", "cert-manager.io"));
    assertThat(fixture.secret("web-tls")).hasValueSatisfying(s -> assertThat(s.getData()).containsKeys("tls.crt", "tls.key"));
    awaitEvent("web", "CreateCertificate");
  }

  @Test
  void editingTheIngressUpdatesItsCertificate() {
    createIngress("edit", "cert-manager.io/cluster-issuer: " + issuer, tls("edit-tls", "edit.example.com"));
    fixture.awaitCertificate("edit-tls", "True");

    Fixture.edit(ingress("edit"), i -> {
      i.getSpec().getTls().get(0).getHosts().add("www.edit.example.com");
      i.getMetadata().getAnnotations().put("cert-manager.io/duration", "720h");
      return i;
    });

    Certificate updated =
        await("Certificate edit-tls to follow the Ingress",
            () -> certificate("edit-tls").filter(c -> c.getSpec().dnsNames().size() == 2 && "720h0m0s".equals(c.getSpec().duration())),
            () -> String.valueOf(certificate("edit-tls").map(Certificate::getSpec)));
    assertThat(updated.getSpec().dnsNames()).containsExactly("edit.example.com", "www.edit.example.com");
    fixture.awaitRevision("edit-tls", 2);
    awaitEvent("edit", "UpdateCertificate");
  }

  @Test
  void removingATlsEntryDeletesItsCertificateAndKeepsTheOthers() {
    createIngress("two", "cert-manager.io/cluster-issuer: " + issuer, tls("one-tls", "one.example.com"), tls("two-tls", "two.example.com"));
    await("both Certificates", () -> certificate("one-tls").flatMap(c -> certificate("two-tls")), () -> "missing");

    Fixture.edit(ingress("two"), i -> {
      i.getSpec().getTls().remove(1);
      return i;
    });

    await("Certificate two-tls deleted", () -> certificate("two-tls").isEmpty() ? Optional.of(true) : Optional.empty(), () -> "still there");
    assertThat(certificate("one-tls")).isPresent();
    awaitEvent("two", "DeleteCertificate");
  }

  @Test
  void aBadAnnotationGetsAWarningAndNoCertificate() {
    createIngress("bad", "cert-manager.io/cluster-issuer: " + issuer + "\n    cert-manager.io/duration: 90d", tls("bad-tls", "bad.example.com"));

    Event warning = awaitEvent("bad", "BadConfig");

    assertThat(warning.getType()).isEqualTo("Warning");
    assertThat(warning.getMessage()).contains("cert-manager.io/duration", "90d", "there is no d unit");
    assertThat(certificate("bad-tls")).isEmpty();
  }

  @Test
  void aTlsEntryWithoutSecretNameIsSkippedAndTheOthersGetTheirCertificates() {
    createIngress("mixed", "cert-manager.io/cluster-issuer: " + issuer, "  - {hosts: [default.example.com]}\n", tls("mixed-tls", "mixed.example.com"));

    fixture.awaitCertificate("mixed-tls", "True");
    Event skipped = awaitEvent("mixed", "BadConfig");
    assertThat(skipped.getType()).isEqualTo("Warning");
    assertThat(skipped.getMessage()).contains("Skipped a TLS block: spec.tls[0] has no secretName");

    // Each pass warns again; the repeats are counted on the one Event, as client-go's recorder counts them.
    Fixture.edit(ingress("mixed"), i -> {
      i.getSpec().getTls().get(1).getHosts().add("www.mixed.example.com");
      return i;
    });
    Event counted = await("the skipped TLS block counted on one Event",
        () -> badConfigEvents("mixed").stream().filter(e -> e.getCount() != null && e.getCount() >= 2).findFirst(),
        () -> badConfigEvents("mixed").stream().map(e -> e.getMessage() + " x" + e.getCount()).toList().toString());
    assertThat(counted.getMessage()).isEqualTo(skipped.getMessage());
    assertThat(badConfigEvents("mixed")).as("one Event for the repeated warning").hasSize(1);
  }

  @Test
  void aCertificateTheApiServerRefusesIsWarnedOnTheIngressWithoutStoppingTheOthersAndCreatedOnceAllowed() {
    ResourceQuota onlyOne = fixture.quota("one-certificate", "count/certificates.cert-manager.io", 1);
    try {
      createIngress("quota", "cert-manager.io/cluster-issuer: " + issuer, tls("quota-first-tls", "first.example.com"), tls("quota-second-tls", "second.example.com"));

      Event refused = awaitEvent("quota", "ApiError");
      assertThat(refused.getType()).isEqualTo("Warning");
      assertThat(refused.getMessage()).contains("could not create Certificate \"quota-second-tls\"", "the API server answered 403", "exceeded quota: one-certificate");
      fixture.awaitCertificate("quota-first-tls", "True");
      assertThat(certificate("quota-second-tls")).isEmpty();
    } finally {
      fixture.client.resource(onlyOne).delete();
    }
    // Lifting the quota does not touch the Ingress: the shim tries again by itself.
    fixture.awaitCertificate("quota-second-tls", "True");
  }

  private static List<Event> badConfigEvents(String ingress) {
    return fixture.client.v1().events().inNamespace(fixture.namespace).list().getItems().stream()
        .filter(e -> ingress.equals(e.getInvolvedObject().getName()) && "BadConfig".equals(e.getReason()))
        .toList();
  }

  @Test
  void aBadEditKeepsTheWorkingCertificate() {
    createIngress("keep", "cert-manager.io/cluster-issuer: " + issuer, tls("keep-tls", "keep.example.com"));
    Certificate before = fixture.awaitCertificate("keep-tls", "True");

    Fixture.edit(ingress("keep"), i -> {
      i.getMetadata().getAnnotations().put("cert-manager.io/renew-before", "1m");
      i.getSpec().getTls().get(0).getHosts().add("www.keep.example.com");
      return i;
    });

    assertThat(awaitEvent("keep", "BadConfig").getMessage()).contains("cert-manager.io/renew-before", "at least 5m0s");
    Certificate after = certificate("keep-tls").orElseThrow();
    assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
    assertThat(after.getSpec()).isEqualTo(before.getSpec());
  }

  @Test
  void aCertificateTheIngressDoesNotControlIsLeftAloneUntilItIsGone() {
    Certificate foreign =
        fixture.create(
            Certificate.class,
            "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: taken-tls}\n"
                + "spec: {secretName: taken-tls, dnsNames: [other.example.com], issuerRef: {name: " + issuer + ", kind: ClusterIssuer}}");
    Ingress ingress = createIngress("taker", "cert-manager.io/cluster-issuer: " + issuer, tls("taken-tls", "taker.example.com"));

    assertThat(awaitEvent("taker", "CertificateNotOwned").getMessage()).contains("taken-tls", "not controlled by this Ingress");
    Certificate untouched = certificate("taken-tls").orElseThrow();
    assertThat(untouched.getSpec()).isEqualTo(foreign.getSpec());
    assertThat(untouched.getMetadata().getOwnerReferences()).isEmpty();

    fixture.client.resource(foreign).delete();
    await("the Ingress to take over taken-tls once the other Certificate is gone",
        () -> certificate("taken-tls").filter(c -> c.getMetadata().getOwnerReferences().stream().anyMatch(o -> o.getUid().equals(ingress.getMetadata().getUid()))),
        () -> String.valueOf(certificate("taken-tls").map(c -> c.getMetadata().getOwnerReferences())));
  }

  @Test
  void handEditsAndDeletionOfAControlledCertificateArePutRight() {
    createIngress("drift", "cert-manager.io/cluster-issuer: " + issuer, tls("drift-tls", "drift.example.com"));
    Certificate original = await("Certificate drift-tls", () -> certificate("drift-tls"), () -> "missing");

    Fixture.edit(fixture.client.resources(Certificate.class).inNamespace(fixture.namespace).withName("drift-tls"), c -> {
      c.getMetadata().setLabels(new HashMap<>(Map.of("hand", "edit")));
      return c;
    });
    await("the hand-added label removed again",
        () -> certificate("drift-tls").filter(c -> c.getMetadata().getLabels() == null || c.getMetadata().getLabels().isEmpty()),
        () -> String.valueOf(certificate("drift-tls").map(c -> c.getMetadata().getLabels())));

    fixture.client.resource(original).delete();
    Certificate recreated =
        await("Certificate drift-tls recreated",
            () -> certificate("drift-tls").filter(c -> !c.getMetadata().getUid().equals(original.getMetadata().getUid())),
            () -> "not recreated");
    assertThat(recreated.getSpec()).isEqualTo(original.getSpec());
  }

  /** One TLS entry as a line of YAML. */
  private static String tls(String secretName, String... hosts) {
    return "  - {secretName: " + secretName + ", hosts: [" + String.join(", ", hosts) + "]}\n";
  }

  /** Creates an Ingress routing to a Service "web" (which need not exist), with these annotation lines and TLS entries. */
  private static Ingress createIngress(String name, String annotations, String... tls) {
    return fixture.create(
        Ingress.class,
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: %s
          annotations:
            %s
        spec:
          rules:
          - http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
          tls:
        %s"""
            .formatted(name, annotations, String.join("", tls)));
  }

  private static Resource<Ingress> ingress(String name) {
    return fixture.client.network().v1().ingresses().inNamespace(fixture.namespace).withName(name);
  }

  private static Optional<Certificate> certificate(String name) {
    return Optional.ofNullable(fixture.certificate(name));
  }

  private static Event awaitEvent(String ingress, String reason) {
    Supplier<List<Event>> events =
        () -> fixture.client.v1().events().inNamespace(fixture.namespace).list().getItems().stream()
            .filter(e -> "Ingress".equals(e.getInvolvedObject().getKind()) && ingress.equals(e.getInvolvedObject().getName()))
            .toList();
    return await("Event " + reason + " on Ingress " + ingress,
        () -> events.get().stream().filter(e -> reason.equals(e.getReason())).findFirst(),
        () -> events.get().stream().map(Event::getReason).toList().toString());
  }

  private static <T> T await(String what, Supplier<Optional<T>> probe, Supplier<String> lastSeen) {
    return Await.until(Fixture.TIMEOUT, what, probe, lastSeen);
  }
}
