package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.acme.http01.SolverLabels;
import dev.certkeeper.acme.http01.SolverObjects;
import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.testing.AcmeFixture;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.kube.OwnerReferences;
import dev.certkeeper.testing.LocalEnvironment;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A challenge with no route to its solver (an ingress class no controller serves) says so on the
 * Challenge and the Certificate, and heals without manual deletes once the issuer's solver is put
 * right: a pending Challenge is redone at once; one the CA has already failed ends its Order, and
 * the Certificate's retry succeeds. Locally the self-check gives way to the CA after 20 s.
 */
@ExtendWith(LocalControlPlane.class)
class ChallengeRecoveryIT {
  private static final String WRONG_CLASS = "\"missing\" matches no IngressClass";
  private static final String SOLVER_WRONG = "    - http01: {ingress: {ingressClassName: missing}}\n";
  private static Fixture fixture;
  private static AcmeFixture acme;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "recovery");
    acme = new AcmeFixture(fixture, environment);
  }

  private static String domain(String name) {
    return name + "." + fixture.namespace + ".example.com";
  }

  private static void certificate(String name, String issuer) {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + "}\nspec:\n  secretName: " + name + "\n  dnsNames: [" + domain(name)
            + "]\n  issuerRef: {name: " + issuer + "}\n");
  }

  private static boolean forDomain(Challenge challenge, String name) {
    return challenge.getSpec().dnsName().equals(domain(name));
  }

  @Test
  void aSolverPodLeftBesideAFinishedChallengeIsRemoved() {
    acme.createIssuer("finished", AcmeFixture.NGINX_SOLVER);
    certificate("finished", "finished");
    acme.awaitReady("finished");
    Challenge done = acme.awaitChallenge(
        Fixture.TIMEOUT, "the valid Challenge", c -> forDomain(c, "finished") && c.getStatus() != null && c.getStatus().state() == AcmeState.VALID);
    acme.awaitNoSolverObjects();

    // What a pass that ran before the cache had the final status leaves behind: the solver presented again.
    Pod leftOver = new PodBuilder()
        .withNewMetadata()
        .withName(SolverObjects.name(done))
        .withNamespace(fixture.namespace)
        .addToLabels(SolverLabels.SOLVER, "true")
        .withOwnerReferences(OwnerReferences.controlledBy(done))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("acmesolver")
        .withImage("certkeeper")
        .withArgs("acmesolver", "--listen-port=8089", "--domain=" + domain("finished"), "--token=t", "--key=t.k")
        .endContainer()
        .endSpec()
        .build();
    fixture.client.resource(leftOver).create();

    acme.awaitNoSolverObjects();
  }

  /**
   * Certificate {@code name}, from an Issuer of its own, while a quota named {@code name} admits no
   * {@code resource}: {@code whileRefused} checks what is said, then the quota goes and the
   * Certificate must become Ready with no other help.
   */
  private static void refusedUntilTheQuotaIsLifted(String name, String resource, Runnable whileRefused) {
    acme.createIssuer(name, AcmeFixture.NGINX_SOLVER);
    ResourceQuota quota = fixture.quota(name, resource, 0);
    try {
      certificate(name, name);
      whileRefused.run();
    } finally {
      fixture.client.resource(quota).delete();
    }
    acme.awaitReady(name);
  }

  @Test
  void aSolverObjectTheApiServerRefusesIsSaidOnTheChallengeAndTriedAgain() {
    refusedUntilTheQuotaIsLifted("refused", "pods", () -> {
      Challenge refused = acme.awaitChallenge(
          Fixture.TIMEOUT, "the refusal on the Challenge",
          c -> forDomain(c, "refused") && c.getStatus() != null && c.getStatus().reason() != null && c.getStatus().reason().contains("could not present"));
      assertThat(refused.getStatus().reason()).contains("the API server answered 403", "exceeded quota: refused");
      fixture.awaitEventReasons(refused, "PresentError");
    });
    acme.awaitNoSolverObjects();
  }

  @Test
  void theCasVerdictIsRecordedThoughTheSolverCannotBeRemovedYet() {
    String policy = fixture.namespace + "-keep-services";
    // An admission policy refusing to delete Services in this namespace, as a policy engine might.
    fixture.client.resource("apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: " + policy + "}\nspec:\n"
        + "  failurePolicy: Fail\n  matchConstraints:\n    resourceRules:\n    - {apiGroups: [\"\"], apiVersions: [v1], operations: [DELETE], resources: [services]}\n"
        + "  validations:\n  - {expression: \"false\", message: Services here are kept by policy}\n").create();
    fixture.client.resource("apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata: {name: " + policy + "}\nspec:\n"
        + "  policyName: " + policy + "\n  validationActions: [Deny]\n  matchResources:\n    namespaceSelector:\n"
        + "      matchLabels: {kubernetes.io/metadata.name: " + fixture.namespace + "}\n").create();
    try {
      Service probe = new ServiceBuilder().withNewMetadata().withName("probe").withNamespace(fixture.namespace).endMetadata()
          .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build();
      // The API server takes up a new policy within a moment: until it does, the probe is deleted and made again.
      Await.until(Fixture.TIMEOUT, "the policy to refuse deleting a Service", () -> {
        try {
          if (fixture.client.resource(probe).get() == null) {
            fixture.client.resource(probe).create();
          }
          fixture.client.resource(probe).delete();
          return Optional.empty();
        } catch (KubernetesClientException refused) {
          return Optional.of(refused);
        }
      }, () -> "deleted");
      acme.createIssuer("kept", AcmeFixture.NGINX_SOLVER);
      certificate("kept", "kept");

      acme.awaitReady("kept");
      Challenge valid = acme.awaitChallenge(Fixture.TIMEOUT, "the valid Challenge", c -> forDomain(c, "kept") && c.getStatus() != null && c.getStatus().state() == AcmeState.VALID);
      assertThat(valid.getStatus().reason()).as("the verdict, not the clean-up's trouble").isEqualTo("Successfully authorized domain");
      fixture.awaitEventReasons(valid, "CleanUpError");
      assertThat(acme.solverObjects()).as("the solver's Service is still there").isPositive();
    } finally {
      fixture.client.resources(ValidatingAdmissionPolicyBinding.class).withName(policy).delete();
      fixture.client.resources(ValidatingAdmissionPolicy.class).withName(policy).delete();
    }
    acme.awaitNoSolverObjects();
  }

  @Test
  void anOrderTheApiServerRefusesIsSaidOnTheRequestAndTriedAgain() {
    refusedUntilTheQuotaIsLifted("no-orders", "count/orders.acme.cert-manager.io", () -> {
      CertificateRequest refused = Await.until(Fixture.TIMEOUT, "the refusal on the request",
          () -> fixture.requests().stream()
              .filter(r -> r.getMetadata().getName().equals("no-orders-1"))
              .filter(r -> r.getStatus() != null && Conditions.find(r.getStatus().conditions(), "Ready")
                  .map(c -> c.message().contains("an API request for this CertificateRequest failed")).orElse(false))
              .findFirst(),
          () -> String.valueOf(fixture.requests().stream().map(r -> r.getMetadata().getName() + " " + r.getStatus()).toList()));
      assertThat(Conditions.find(refused.getStatus().conditions(), "Ready").orElseThrow().message()).contains("403", "exceeded quota: no-orders");
    });
  }

  @Test
  void aChallengeTheApiServerRefusesIsSaidOnTheOrderAndCertificateAndTriedAgain() {
    refusedUntilTheQuotaIsLifted("no-challenges", "count/challenges.acme.cert-manager.io", () -> {
      Order refused = Await.until(Fixture.TIMEOUT, "the refusal on the Order",
          () -> acme.orders().stream()
              .filter(o -> o.getStatus() != null && o.getStatus().reason() != null && o.getStatus().reason().contains("an API request for this Order failed"))
              .findFirst(),
          () -> acme.describe("no-challenges"));
      assertThat(refused.getStatus().reason()).contains("403", "exceeded quota: no-challenges");
      fixture.awaitEventReasons(refused, "ApiError");
      acme.awaitCertificate("no-challenges", Fixture.TIMEOUT, "the refusal in the Certificate's Ready message",
          r -> r.message().contains("exceeded quota: no-challenges"));
    });
  }

  @Test
  void unroutableChallengeEndsInvalidNamingTheSelfCheckAndRecoversOnceTheRouteExists() {
    acme.createIssuer("unroutable", SOLVER_WRONG);
    certificate("unroutable", "unroutable");
    String domain = domain("unroutable");

    acme.awaitChallenge(
        Fixture.TIMEOUT, "the pending Challenge names the wrong class",
        c -> forDomain(c, "unroutable") && c.getStatus() != null && c.getStatus().state() == AcmeState.PENDING && reason(c).contains(WRONG_CLASS));
    acme.awaitCertificate("unroutable", Fixture.TIMEOUT, "Ready=False naming the domain and the cause while pending",
        r -> r.status().name().equals("FALSE") && r.message().contains(domain) && r.message().contains(WRONG_CLASS));

    Challenge invalid = acme.awaitChallenge(
        Duration.ofSeconds(60), "the Challenge invalid once the CA has tried too", c -> forDomain(c, "unroutable") && c.getStatus() != null && c.getStatus().state() == AcmeState.INVALID);
    assertThat(reason(invalid)).contains("the CA could not validate " + domain, "the self-check still failed", WRONG_CLASS);
    Await.until(
        Fixture.TIMEOUT, "the Order invalid", () -> acme.orders().stream().filter(o -> o.getStatus() != null && o.getStatus().state() == AcmeState.INVALID).findFirst(),
        () -> acme.describe("unroutable"));
    // The pending message already says "the self-check still failed": wait for the recorded failure.
    Certificate failed = Await.until(
        Fixture.TIMEOUT, "the failed issuance recorded on Certificate unroutable",
        () -> Optional.ofNullable(fixture.certificate("unroutable")).filter(c -> c.getStatus() != null && c.getStatus().failedIssuanceAttempts() != null),
        () -> acme.describe("unroutable"));
    assertThat(failed.getStatus().failedIssuanceAttempts()).isEqualTo(1);
    assertThat(Fixture.condition(failed, "Ready")).hasValueSatisfying(r -> {
      assertThat(r.status().name()).isEqualTo("FALSE");
      assertThat(r.message()).contains("failed", domain, WRONG_CLASS);
    });
    acme.awaitNoSolverObjects();

    acme.editIssuer("unroutable", "ingressClassName: \"missing\"", "ingressClassName: \"nginx\"");

    acme.awaitReady("unroutable");
    assertThat(acme.orders()).extracting(o -> o.getStatus().state()).contains(AcmeState.VALID);
    acme.awaitNoSolverObjects();
  }

  @Test
  void solverChangeRedoesAPendingChallengeWithoutAFailedOrder() {
    acme.createIssuer("changed", SOLVER_WRONG);
    certificate("changed", "changed");
    Challenge pending = acme.awaitChallenge(
        Fixture.TIMEOUT, "the pending Challenge names the wrong class", c -> forDomain(c, "changed") && reason(c).contains(WRONG_CLASS));

    acme.editIssuer("changed", "ingressClassName: \"missing\"", "ingressClassName: \"nginx\"");

    Certificate ready = acme.awaitReady("changed");
    assertThat(ready.getStatus().failedIssuanceAttempts()).as("no failed attempt").isNull();
    assertThat(acme.orders()).filteredOn(o -> o.getSpec().dnsNames().contains(domain("changed"))).singleElement()
        .satisfies(o -> assertThat(o.getStatus().state()).isEqualTo(AcmeState.VALID));
    Challenge redone = acme.awaitChallenge(Fixture.TIMEOUT, "the redone Challenge valid", c -> forDomain(c, "changed") && c.getStatus() != null && c.getStatus().state() == AcmeState.VALID);
    assertThat(redone.getMetadata().getUid()).as("a new Challenge").isNotEqualTo(pending.getMetadata().getUid());
    assertThat(redone.getSpec().solver().http01().ingress().ingressClassName()).isEqualTo("nginx");
    acme.awaitNoSolverObjects();
  }

  private static String reason(Challenge challenge) {
    return challenge.getStatus() == null || challenge.getStatus().reason() == null ? "" : challenge.getStatus().reason();
  }
}
