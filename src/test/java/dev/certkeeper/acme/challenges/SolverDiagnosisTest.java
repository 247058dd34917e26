package dev.certkeeper.acme.challenges;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SolverDiagnosisTest {
  private static final String NAME = "cm-acme-http-solver-1";
  private static final Map<String, String> SELECTOR = Map.of("acme.cert-manager.io/http01-solver", "true", "acme.cert-manager.io/http-token", "42");
  private static final String SERVICE = "the solver Service ns/" + NAME;

  static Stream<Arguments> endpoints() {
    return Stream.of(
        Arguments.of("a ready endpoint", service(SELECTOR), pod(SELECTOR), List.of(slice(true)), null),
        Arguments.of("an endpoint without conditions counts as ready", service(SELECTOR), pod(SELECTOR), List.of(slice(null)), null),
        Arguments.of("no Service", null, pod(SELECTOR), List.of(), SERVICE + " does not exist"),
        Arguments.of("a selector the Pod's labels do not match", service(SELECTOR), pod(Map.of("acme.cert-manager.io/http01-solver", "true", "acme.cert-manager.io/http-token", "7")),
            List.of(),
            SERVICE + " has no ready endpoints: its selector does not select the solver Pod ns/" + NAME
                + ", which lacks acme.cert-manager.io/http-token=42 (the Pod has \"7\"); something changed the Pod's labels or the Service's selector"),
        Arguments.of("a selector naming a label the Pod lacks", service(Map.of("app", "solver")), pod(SELECTOR), List.of(slice(false)),
            SERVICE + " has no ready endpoints: its selector does not select the solver Pod ns/" + NAME
                + ", which lacks app=solver (the Pod has no such label); something changed the Pod's labels or the Service's selector"),
        Arguments.of("no selector", service(Map.of()), pod(SELECTOR), List.of(), SERVICE + " has no ready endpoints: it has no selector, so it selects no Pod"),
        Arguments.of("the Pod selected but not listed", service(SELECTOR), pod(SELECTOR), List.of(slice(false)),
            SERVICE + " has no ready endpoints although it selects the solver Pod ns/" + NAME
                + ", which is Ready: the cluster's EndpointSlice controller (kube-controller-manager) has not listed it yet"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void explainsAServiceWithoutReadyEndpoints(String name, Service service, Pod pod, List<EndpointSlice> slices, String expected) {
    assertThat(SolverDiagnosis.endpointsProblem(service, pod, slices)).isEqualTo(Optional.ofNullable(expected));
  }

  static Stream<Arguments> ingresses() {
    IngressClass nginx = ingressClass("nginx", "k8s.io/ingress-nginx", true);
    IngressClass orphan = ingressClass("orphan", "example.com/none", false);
    String ingress = "the Ingress ns/" + NAME;
    return Stream.of(
        Arguments.of("class with an address", ingress("nginx", null, true), List.of(nginx), null),
        Arguments.of("default class with an address", ingress(null, null, true), List.of(nginx), null),
        Arguments.of("class nobody admitted", ingress("orphan", null, false), List.of(nginx, orphan),
            ingress + " has no address from its ingress controller: the IngressClass \"orphan\" belongs to the controller example.com/none, which has not admitted it; is that controller running?"),
        Arguments.of("class by annotation nobody admitted", ingress(null, "orphan", false), List.of(nginx, orphan),
            ingress + " has no address from its ingress controller: the IngressClass \"orphan\" belongs to the controller example.com/none, which has not admitted it; is that controller running?"),
        Arguments.of("default class nobody admitted", ingress(null, null, false), List.of(nginx, orphan),
            ingress + " has no address from its ingress controller: the IngressClass \"nginx\" (the default) belongs to the controller k8s.io/ingress-nginx, which has not admitted it; is that controller running?"),
        Arguments.of("class matching no IngressClass", ingress("missing", null, false), List.of(orphan, nginx),
            "the ingress class \"missing\" matches no IngressClass in the cluster (existing: nginx, orphan)"),
        Arguments.of("no class and no default", ingress(null, null, false), List.of(orphan),
            ingress + " names no ingress class and no IngressClass is the default; existing classes: [orphan]"),
        Arguments.of("no IngressClass at all", ingress("nginx", null, false), List.of(), "the ingress class \"nginx\" matches no IngressClass in the cluster (existing: none)"));
  }

  static Stream<Arguments> routes() {
    String route = "the solver HTTPRoute ns/" + NAME;
    ParentReference gateway = parent("edge", "public", null);
    ParentReference listener = parent(null, "internal", "http");
    return Stream.of(
        Arguments.of("accepted with its references resolved", route(List.of(gateway), status(gateway, "True", "True")), null),
        Arguments.of("accepted by the second parent only", route(List.of(listener, gateway), status(gateway, "True", "True")), null),
        Arguments.of("no parentRefs", route(List.of()),
            route + " attaches to no Gateway: set http01.gatewayHTTPRoute.parentRefs to the Gateway that serves port 80 for the name"),
        Arguments.of("no controller has reported", route(List.of(gateway)),
            "no Gateway controller has accepted " + route + " for Gateway edge/public (its status names no such parent):"
                + " does that Gateway exist, and does a controller run for its GatewayClass?"),
        Arguments.of("the listener refused it", route(List.of(listener), status(listener, "False", "True")),
            "Gateway ns/internal (listener http) did not accept " + route + ": NotAllowedByListeners: no listener allows routes from ns"),
        Arguments.of("its backend unresolved", route(List.of(gateway), status(gateway, "True", "False")),
            "Gateway edge/public accepted " + route + " but cannot send its traffic to the solver Service: BackendNotFound: no such Service"),
        Arguments.of("a status for another listener", route(List.of(listener), status(parent(null, "internal", "https"), "True", "True")),
            "no Gateway controller has accepted " + route + " for Gateway ns/internal (listener http) (its status names no such parent):"
                + " does that Gateway exist, and does a controller run for its GatewayClass?"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void explainsAnHttpRouteThatRoutesNothing(String name, HTTPRoute route, String expected) {
    assertThat(SolverDiagnosis.routeProblem(route)).isEqualTo(Optional.ofNullable(expected));
  }

  private static ParentReference parent(String namespace, String name, String sectionName) {
    return new ParentReferenceBuilder().withGroup("gateway.networking.k8s.io").withKind("Gateway").withNamespace(namespace).withName(name).withSectionName(sectionName).build();
  }

  private static HTTPRoute route(List<ParentReference> parents, RouteParentStatus... statuses) {
    return new HTTPRouteBuilder()
        .withNewMetadata().withNamespace("ns").withName(NAME).endMetadata()
        .withNewSpec().withParentRefs(parents).endSpec()
        .withNewStatus().withParents(statuses).endStatus()
        .build();
  }

  private static RouteParentStatus status(ParentReference parent, String accepted, String resolved) {
    return new RouteParentStatusBuilder()
        .withParentRef(parent)
        .withControllerName("example.com/gateway")
        .withConditions(
            new ConditionBuilder().withType("Accepted").withStatus(accepted).withReason(accepted.equals("True") ? "Accepted" : "NotAllowedByListeners")
                .withMessage(accepted.equals("True") ? "" : "no listener allows routes from ns").build(),
            new ConditionBuilder().withType("ResolvedRefs").withStatus(resolved).withReason(resolved.equals("True") ? "ResolvedRefs" : "BackendNotFound")
                .withMessage(resolved.equals("True") ? "" : "no such Service").build())
        .build();
  }


  @ParameterizedTest(name = "{0}")
  @MethodSource("ingresses")
  void explainsAnIngressThatRoutesNothing(String name, Ingress ingress, List<IngressClass> classes, String expected) {
    assertThat(SolverDiagnosis.ingressProblem(ingress, classes)).isEqualTo(Optional.ofNullable(expected));
  }

  private static Service service(Map<String, String> selector) {
    return new ServiceBuilder().withNewMetadata().withNamespace("ns").withName(NAME).endMetadata().withNewSpec().withSelector(selector).endSpec().build();
  }

  private static Pod pod(Map<String, String> labels) {
    return new PodBuilder().withNewMetadata().withNamespace("ns").withName(NAME).withLabels(labels).endMetadata().build();
  }

  private static EndpointSlice slice(Boolean ready) {
    return new EndpointSliceBuilder().withNewMetadata().withNamespace("ns").withName(NAME + "-abc").endMetadata()
        .addNewEndpoint().withAddresses("198.18.0.1").withNewConditions().withReady(ready).endConditions().endEndpoint().build();
  }

  private static IngressClass ingressClass(String name, String controller, boolean isDefault) {
    return new IngressClassBuilder().withNewMetadata().withName(name)
        .withAnnotations(isDefault ? Map.of("ingressclass.kubernetes.io/is-default-class", "true") : Map.of()).endMetadata()
        .withNewSpec().withController(controller).endSpec().build();
  }

  private static Ingress ingress(String className, String annotatedClass, boolean hasAddress) {
    IngressBuilder builder = new IngressBuilder().withNewMetadata().withNamespace("ns").withName(NAME)
        .withAnnotations(annotatedClass == null ? Map.of() : Map.of("kubernetes.io/ingress.class", annotatedClass)).endMetadata()
        .withNewSpec().withIngressClassName(className).endSpec();
    if (hasAddress) {
      builder.withNewStatus().withNewLoadBalancer().addNewIngress().withIp("127.0.0.1").endIngress().endLoadBalancer().endStatus();
    }
    return builder.build();
  }
}
