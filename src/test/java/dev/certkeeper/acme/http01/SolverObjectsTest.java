package dev.certkeeper.acme.http01;

import static dev.certkeeper.acme.http01.Challenges.KEY;
import static dev.certkeeper.acme.http01.Challenges.TOKEN;
import static dev.certkeeper.acme.http01.Challenges.challenge;
import static dev.certkeeper.acme.http01.Challenges.ingressClassName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.ChallengeSpec;
import dev.certkeeper.api.acme.Http01GatewayHttpRouteSolver;
import dev.certkeeper.api.acme.Http01IngressSolver;
import dev.certkeeper.api.acme.ParentReference;
import dev.certkeeper.api.acme.PodTemplateMetadata;
import dev.certkeeper.api.acme.ServiceType;
import dev.certkeeper.api.acme.SolverIngressTemplate;
import dev.certkeeper.api.acme.SolverPodSecurityContext;
import dev.certkeeper.api.acme.SolverPodSpec;
import dev.certkeeper.api.acme.SolverPodTemplate;
import dev.certkeeper.api.acme.SolverResources;
import dev.certkeeper.api.meta.LocalObjectReference;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SolverObjectsTest {
  private static final SolverSettings SETTINGS = new SolverSettings(
      "ghcr.io/certkeeper/certkeeper:1.0", "10m", "64Mi", "100m", "64Mi", true,
      Map.of("platform", "certs", "acme.cert-manager.io/http-domain", "overridden"), "gvisor");
  private static final Map<String, String> IDENTITY = Map.of(
      "acme.cert-manager.io/http01-solver", "true",
      "acme.cert-manager.io/http-domain", "776668617",
      "acme.cert-manager.io/http-token", "1045302814");

  private static Challenge app(Http01IngressSolver solver) {
    return challenge("app.example.com", solver);
  }

  private static Challenge app(Http01GatewayHttpRouteSolver solver) {
    return challenge("app.example.com", solver);
  }

  @Test
  void allThreeObjectsShareOneNameDerivedFromTheChallenge() {
    Challenge challenge = app(ingressClassName("nginx"));
    String name = SolverObjects.name(challenge);
    assertThat(name).isEqualTo("cm-acme-http-solver-cb1eb7a7e4");
    assertThat(SolverObjects.pod(challenge, SETTINGS).getMetadata().getName()).isEqualTo(name);
    assertThat(SolverObjects.service(challenge, SETTINGS).getMetadata().getName()).isEqualTo(name);
    assertThat(SolverObjects.ingress(challenge, ingressClassName("nginx"), SETTINGS).getMetadata().getName()).isEqualTo(name);
  }

  @Test
  void anotherChallengeOrNamespaceGetsAnotherName() {
    Challenge other = app(ingressClassName("nginx"));
    other.getMetadata().setName("app-7f3c-5678");
    Challenge elsewhere = app(ingressClassName("nginx"));
    elsewhere.getMetadata().setNamespace("shop");
    assertThat(SolverObjects.name(other)).isNotEqualTo(SolverObjects.name(app(ingressClassName("nginx")))).matches("cm-acme-http-solver-[0-9a-f]{10}");
    assertThat(SolverObjects.name(elsewhere)).isNotEqualTo(SolverObjects.name(app(ingressClassName("nginx"))));
  }

  @Test
  void everyObjectIsControlledByTheChallengeAndCarriesTheIdentityAndExtraLabels() {
    Challenge challenge = app(ingressClassName("nginx"));
    OwnerReference owner = new OwnerReference("acme.cert-manager.io/v1", true, true, "Challenge", "app-7f3c-1234", "uid-1");
    for (var object : List.of(
        SolverObjects.pod(challenge, SETTINGS),
        SolverObjects.service(challenge, SETTINGS),
        SolverObjects.ingress(challenge, ingressClassName("nginx"), SETTINGS))) {
      assertThat(object.getMetadata().getNamespace()).isEqualTo("web");
      assertThat(object.getMetadata().getOwnerReferences()).containsExactly(owner);
      assertThat(object.getMetadata().getLabels()).containsAllEntriesOf(IDENTITY).containsEntry("platform", "certs").hasSize(4);
    }
  }

  @Test
  void thePodRunsTheSolverSubcommandLockedDown() {
    Pod pod = SolverObjects.pod(app(ingressClassName("nginx")), SETTINGS);
    assertThat(pod.getMetadata().getAnnotations()).containsExactly(
        Map.entry("sidecar.istio.io/inject", "false"), Map.entry("cluster-autoscaler.kubernetes.io/safe-to-evict", "true"));
    assertThat(pod.getSpec().getNodeSelector()).containsExactly(Map.entry("kubernetes.io/os", "linux"));
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("OnFailure");
    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSpec().getEnableServiceLinks()).isFalse();
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getSpec().getTolerations()).isEmpty();
    assertThat(pod.getSpec().getAffinity()).isNull();
    assertThat(pod.getSpec().getRuntimeClassName()).as("--acme-http01-solver-runtime-class-name").isEqualTo("gvisor");

    Container container = pod.getSpec().getContainers().get(0);
    assertThat(pod.getSpec().getContainers()).hasSize(1);
    assertThat(container.getName()).isEqualTo("acmesolver");
    assertThat(container.getImage()).isEqualTo("ghcr.io/certkeeper/certkeeper:1.0");
    assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(container.getArgs()).containsExactly(
        "acmesolver", "--listen-port=8089", "--domain=app.example.com", "--token=" + TOKEN, "--key=" + KEY);
    assertThat(container.getEnv()).extracting(EnvVar::getName).containsExactly("JAVA_TOOL_OPTIONS");
    assertThat(container.getEnv().get(0).getValue()).contains("-Xmx24m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss256k");
    assertThat(container.getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getName()).isEqualTo("http");
      assertThat(port.getContainerPort()).isEqualTo(8089);
    });
    assertThat(container.getResources().getRequests()).containsExactly(
        Map.entry("cpu", new Quantity("10m")), Map.entry("memory", new Quantity("64Mi")));
    assertThat(container.getResources().getLimits()).containsExactly(
        Map.entry("cpu", new Quantity("100m")), Map.entry("memory", new Quantity("64Mi")));
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void thePodTemplateIsMergedAppendedOrReplacedFieldByField() {
    Toleration toleration = new TolerationBuilder().withKey("dedicated").withOperator("Exists").build();
    SolverPodTemplate template = new SolverPodTemplate(
        new PodTemplateMetadata(
            Map.of("team", "web", "acme.cert-manager.io/http01-solver", "no"),
            Map.of("sidecar.istio.io/inject", "true", "note", "x")),
        new SolverPodSpec(
            Map.of("pool", "edge"),
            new AffinityBuilder().withNewNodeAffinity().endNodeAffinity().build(),
            List.of(toleration),
            "high",
            "solver-sa",
            List.of(new LocalObjectReference("registry")),
            new SolverPodSecurityContext(null, 1000L, 1000L, true, null, 2000L, null, null, null),
            new SolverResources(Map.of("memory", new Quantity("128Mi")), Map.of("cpu", new Quantity("50m")))));
    Http01IngressSolver solver = new Http01IngressSolver(null, "nginx", null, null, template, null);
    Pod pod = SolverObjects.pod(app(solver), SETTINGS);

    assertThat(pod.getMetadata().getLabels()).containsEntry("team", "web").containsAllEntriesOf(IDENTITY);
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry("sidecar.istio.io/inject", "true")
        .containsEntry("cluster-autoscaler.kubernetes.io/safe-to-evict", "true")
        .containsEntry("note", "x");
    assertThat(pod.getSpec().getNodeSelector()).containsOnly(Map.entry("kubernetes.io/os", "linux"), Map.entry("pool", "edge"));
    assertThat(pod.getSpec().getTolerations()).containsExactly(toleration);
    assertThat(pod.getSpec().getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("registry");
    assertThat(pod.getSpec().getAffinity().getNodeAffinity()).isNotNull();
    assertThat(pod.getSpec().getPriorityClassName()).isEqualTo("high");
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("solver-sa");
    assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    assertThat(pod.getSpec().getSecurityContext().getFsGroup()).isEqualTo(2000L);
    assertThat(pod.getSpec().getSecurityContext().getSeccompProfile()).as("replaced as a whole").isNull();
    Container container = pod.getSpec().getContainers().get(0);
    assertThat(container.getResources().getRequests()).containsOnly(
        Map.entry("cpu", new Quantity("50m")), Map.entry("memory", new Quantity("64Mi")));
    assertThat(container.getResources().getLimits()).containsOnly(
        Map.entry("cpu", new Quantity("100m")), Map.entry("memory", new Quantity("128Mi")));
  }

  @Test
  void theServiceSelectsThePodByTheIdentityLabelsOnPort8089() {
    Service service = SolverObjects.service(app(ingressClassName("nginx")), SETTINGS);
    assertThat(service.getMetadata().getAnnotations()).containsExactly(Map.entry("auth.istio.io/8089", "NONE"));
    assertThat(service.getSpec().getType()).isEqualTo("NodePort");
    assertThat(service.getSpec().getSelector()).isEqualTo(IDENTITY);
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getName()).isEqualTo("http");
      assertThat(port.getPort()).isEqualTo(8089);
      assertThat(port.getTargetPort().getIntVal()).isEqualTo(8089);
    });
  }

  @Test
  void theServiceTypeComesFromTheSolver() {
    Http01IngressSolver solver = new Http01IngressSolver(ServiceType.CLUSTER_IP, "nginx", null, null, null, null);
    assertThat(SolverObjects.service(app(solver), SETTINGS).getSpec().getType()).isEqualTo("ClusterIP");
  }

  @Test
  void theIngressRoutesExactlyTheChallengePathOfTheHostToTheService() {
    Ingress ingress = SolverObjects.ingress(app(ingressClassName("nginx")), ingressClassName("nginx"), SETTINGS);
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ingress.getMetadata().getAnnotations()).containsExactly(
        Map.entry("nginx.ingress.kubernetes.io/whitelist-source-range", "0.0.0.0/0,::/0"));
    IngressRule rule = ingress.getSpec().getRules().get(0);
    assertThat(ingress.getSpec().getRules()).hasSize(1);
    assertThat(rule.getHost()).isEqualTo("app.example.com");
    HTTPIngressPath path = rule.getHttp().getPaths().get(0);
    assertThat(rule.getHttp().getPaths()).hasSize(1);
    assertThat(path.getPath()).isEqualTo("/.well-known/acme-challenge/" + TOKEN);
    assertThat(path.getPathType()).isEqualTo("Exact");
    assertThat(path.getBackend().getService().getName()).isEqualTo("cm-acme-http-solver-cb1eb7a7e4");
    assertThat(path.getBackend().getService().getPort().getNumber()).isEqualTo(8089);
  }

  @Test
  void theHttpRouteAttachesToTheSolversGatewayAndRoutesExactlyTheChallengePathToTheService() {
    Http01GatewayHttpRouteSolver solver = new Http01GatewayHttpRouteSolver(
        null, Map.of("gateway", "public"), List.of(new ParentReference("gateway.networking.k8s.io", "Gateway", "edge", "public", "http", null)), null);
    Challenge challenge = app(solver);
    HTTPRoute route = SolverObjects.httpRoute(challenge, solver, SETTINGS);

    assertThat(route.getMetadata().getName()).isEqualTo("cm-acme-http-solver-cb1eb7a7e4");
    assertThat(route.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getUid()).isEqualTo("uid-1"));
    assertThat(route.getMetadata().getLabels()).containsAllEntriesOf(IDENTITY).containsEntry("gateway", "public").containsEntry("platform", "certs");
    assertThat(route.getSpec().getParentRefs()).singleElement().satisfies(parent -> {
      assertThat(parent.getNamespace()).isEqualTo("edge");
      assertThat(parent.getName()).isEqualTo("public");
      assertThat(parent.getSectionName()).isEqualTo("http");
      assertThat(parent.getKind()).isEqualTo("Gateway");
    });
    assertThat(route.getSpec().getHostnames()).containsExactly("app.example.com");
    HTTPRouteRule rule = route.getSpec().getRules().get(0);
    assertThat(route.getSpec().getRules()).hasSize(1);
    assertThat(rule.getMatches()).singleElement().satisfies(match -> {
      assertThat(match.getPath().getType()).isEqualTo("Exact");
      assertThat(match.getPath().getValue()).isEqualTo("/.well-known/acme-challenge/" + TOKEN);
    });
    assertThat(rule.getBackendRefs()).singleElement().satisfies(backend -> {
      assertThat(backend.getKind()).isEqualTo("Service");
      assertThat(backend.getName()).isEqualTo("cm-acme-http-solver-cb1eb7a7e4");
      assertThat(backend.getPort()).isEqualTo(8089);
    });
  }

  @Test
  void aGatewaySolversPodTemplateAndServiceTypeAreItsOwn() {
    SolverPodTemplate template = new SolverPodTemplate(new PodTemplateMetadata(Map.of("team", "edge"), null), null);
    Challenge challenge = app(new Http01GatewayHttpRouteSolver(ServiceType.CLUSTER_IP, null, List.of(), template));
    assertThat(SolverObjects.pod(challenge, SETTINGS).getMetadata().getLabels()).containsEntry("team", "edge");
    assertThat(SolverObjects.service(challenge, SETTINGS).getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(SolverObjects.service(app(new Http01GatewayHttpRouteSolver(null, null, List.of(), null)), SETTINGS).getSpec().getType())
        .isEqualTo("NodePort");
  }

  @Test
  void anIpAddressGetsARuleWithoutHost() {
    Challenge challenge = challenge("192.0.2.10", ingressClassName("nginx"));
    assertThat(SolverObjects.ingress(challenge, ingressClassName("nginx"), SETTINGS).getSpec().getRules().get(0).getHost()).isNull();
    assertThat(SolverObjects.pod(challenge, SETTINGS).getSpec().getContainers().get(0).getArgs())
        .contains("--domain=192.0.2.10");
  }

  @Test
  void aLegacyClassBecomesTheIngressClassAnnotation() {
    Http01IngressSolver solver = new Http01IngressSolver(null, null, "traefik", null, null, null);
    Ingress ingress = SolverObjects.ingress(app(solver), solver, SETTINGS);
    assertThat(ingress.getSpec().getIngressClassName()).isNull();
    assertThat(ingress.getMetadata().getAnnotations()).containsEntry("kubernetes.io/ingress.class", "traefik");
  }

  @Test
  void theIngressTemplateAddsLabelsAndAnnotationsAndMayTakeOverTheSourceRange() {
    SolverIngressTemplate template = new SolverIngressTemplate(new PodTemplateMetadata(
        Map.of("team", "web", "acme.cert-manager.io/http-token", "x"),
        Map.of("example.org/whitelist-source-range", "10.0.0.0/8", "note", "y")));
    Http01IngressSolver solver = new Http01IngressSolver(null, "nginx", null, null, null, template);
    Ingress ingress = SolverObjects.ingress(app(solver), solver, SETTINGS);
    assertThat(ingress.getMetadata().getLabels()).containsEntry("team", "web").containsAllEntriesOf(IDENTITY);
    assertThat(ingress.getMetadata().getAnnotations()).containsOnly(
        Map.entry("example.org/whitelist-source-range", "10.0.0.0/8"), Map.entry("note", "y"));
  }

  @Test
  void aSolverThatEditsAnIngressInPlaceGetsNoIngress() {
    Http01IngressSolver solver = new Http01IngressSolver(null, null, null, "my-app", null, null);
    assertThatThrownBy(() -> SolverObjects.ingress(app(solver), solver, SETTINGS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("edits Ingress my-app in place");
  }

  @Test
  void aSolverWithAnEmptyIngressNameGetsItsOwnIngressAsInCertManager() {
    Http01IngressSolver solver = new Http01IngressSolver(null, null, "nginx", "", null, null);
    assertThat(solver.editsInPlace()).isFalse();
    assertThat(SolverObjects.ingress(app(solver), solver, SETTINGS).getMetadata().getName()).isEqualTo(SolverObjects.name(app(solver)));
  }

  @Test
  void invalidChallengeValuesNeverReachAnObject() {
    Challenge challenge = app(ingressClassName("nginx"));
    ChallengeSpec spec = challenge.getSpec();
    challenge.setSpec(new ChallengeSpec(spec.url(), spec.authorizationURL(), spec.dnsName(), false, spec.type(),
        "tok --listen-port=1", spec.key(), spec.solver(), spec.issuerRef()));
    assertThatThrownBy(() -> SolverObjects.pod(challenge, SETTINGS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
    assertThatThrownBy(() -> SolverObjects.service(challenge, SETTINGS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SolverObjects.ingress(challenge, ingressClassName("nginx"), SETTINGS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultsAreCertManagers() {
    assertThat(SolverSettings.defaults("img")).isEqualTo(new SolverSettings("img", "10m", "64Mi", "100m", "64Mi", true, Map.of(), null));
  }
}
