package dev.certkeeper.acme.challenges;

import dev.certkeeper.acme.http01.Http01Annotations;
import dev.certkeeper.acme.http01.SolverObjects;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Http01IngressSolver;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Why a solver does not answer, read from its own objects in the order traffic flows through
 * them: the Pod, the Service's endpoints, the Ingress's class and its address or the HTTPRoute's
 * acceptance by its Gateways. Empty when they all look right, so that the self-check's own result
 * (another backend answered…) is the news.
 */
final class SolverDiagnosis {
  private static final String DEFAULT_CLASS = "ingressclass.kubernetes.io/is-default-class";

  private final KubernetesClient client;

  SolverDiagnosis(KubernetesClient client) {
    this.client = client;
  }

  Optional<String> explain(Challenge challenge) {
    String namespace = challenge.getMetadata().getNamespace();
    String name = SolverObjects.name(challenge);
    Pod pod = client.pods().inNamespace(namespace).withName(name).get();
    if (pod == null) {
      return Optional.of("the solver Pod " + namespace + "/" + name + " does not exist");
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      // Left by an earlier Challenge of this name (redone for a new solver): a new Pod follows once it is gone.
      return Optional.of("the solver Pod " + namespace + "/" + name + " is being deleted; a new one is created once it is gone");
    }
    Optional<String> podProblem = podProblem(pod);
    if (podProblem.isPresent()) {
      return Optional.of("the solver Pod " + namespace + "/" + name + " is not Ready: " + podProblem.get());
    }
    Service service = client.services().inNamespace(namespace).withName(name).get();
    List<EndpointSlice> slices =
        client.discovery().v1().endpointSlices().inNamespace(namespace).withLabel("kubernetes.io/service-name", name).list().getItems();
    Optional<String> endpointsProblem = endpointsProblem(service, pod, slices);
    if (endpointsProblem.isPresent()) {
      return endpointsProblem;
    }
    if (challenge.getSpec().solver().http01().gatewayHTTPRoute() != null) {
      HTTPRoute route = client.resources(HTTPRoute.class).inNamespace(namespace).withName(name).get();
      if (route == null) {
        return Optional.of("the solver HTTPRoute " + namespace + "/" + name + " does not exist");
      }
      return routeProblem(route);
    }
    Http01IngressSolver solver = challenge.getSpec().solver().http01().ingress();
    String ingressName = solver.editsInPlace() ? solver.name() : name;
    Ingress ingress = client.network().v1().ingresses().inNamespace(namespace).withName(ingressName).get();
    if (ingress == null) {
      return Optional.of("the Ingress " + namespace + "/" + ingressName + " does not exist");
    }
    return ingressProblem(ingress, client.network().v1().ingressClasses().list().getItems());
  }

  /**
   * Why the solver Service sends traffic nowhere although its Pod is Ready: it is missing, its
   * selector does not select the Pod (someone or something changed the Pod's labels or the
   * selector), or it selects the Pod and still has no endpoint, which only the control plane's
   * EndpointSlice controller can explain. Empty when an endpoint is ready.
   */
  static Optional<String> endpointsProblem(Service service, Pod pod, List<EndpointSlice> slices) {
    String podName = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    if (service == null) {
      return Optional.of("the solver Service " + podName + " does not exist"); // it has the Pod's name
    }
    String serviceName = "the solver Service " + service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
    boolean ready = slices.stream()
        .flatMap(s -> Objects.requireNonNullElse(s.getEndpoints(), List.<Endpoint>of()).stream())
        .anyMatch(e -> e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady()));
    if (ready) {
      return Optional.empty();
    }
    Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      return Optional.of(serviceName + " has no ready endpoints: it has no selector, so it selects no Pod");
    }
    Map<String, String> labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
    List<String> mismatches = new TreeMap<>(selector).entrySet().stream()
        .filter(wanted -> !wanted.getValue().equals(labels.get(wanted.getKey())))
        .map(wanted -> wanted.getKey() + "=" + wanted.getValue() + " (the Pod has "
            + (labels.containsKey(wanted.getKey()) ? "\"" + labels.get(wanted.getKey()) + "\"" : "no such label") + ")")
        .toList();
    if (!mismatches.isEmpty()) {
      return Optional.of(serviceName + " has no ready endpoints: its selector does not select the solver Pod " + podName + ", which lacks "
          + String.join(", ", mismatches) + "; something changed the Pod's labels or the Service's selector");
    }
    return Optional.of(serviceName + " has no ready endpoints although it selects the solver Pod " + podName
        + ", which is Ready: the cluster's EndpointSlice controller (kube-controller-manager) has not listed it yet");
  }

  /**
   * Why an Ingress routes nothing: its class matches no IngressClass, it names none and there is no
   * default, or no controller has given it an address (naming the class and the controller that
   * should have). Empty when it has an address.
   */
  static Optional<String> ingressProblem(Ingress ingress, List<IngressClass> classes) {
    String ingressName = "the Ingress " + ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName();
    String wanted = ingress.getSpec() != null && ingress.getSpec().getIngressClassName() != null
        ? ingress.getSpec().getIngressClassName()
        : Objects.requireNonNullElse(ingress.getMetadata().getAnnotations(), Map.<String, String>of()).get(Http01Annotations.INGRESS_CLASS);
    List<String> names = classes.stream().map(c -> c.getMetadata().getName()).sorted().toList();
    Optional<IngressClass> ingressClass = wanted == null
        ? classes.stream().filter(c -> "true".equals(Objects.requireNonNullElse(c.getMetadata().getAnnotations(), Map.<String, String>of()).get(DEFAULT_CLASS))).findFirst()
        : classes.stream().filter(c -> c.getMetadata().getName().equals(wanted)).findFirst();
    if (ingressClass.isEmpty()) {
      return Optional.of(wanted == null
          ? ingressName + " names no ingress class and no IngressClass is the default; existing classes: " + names
          : "the ingress class \"" + wanted + "\" matches no IngressClass in the cluster (existing: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
    }
    boolean hasAddress = ingress.getStatus() != null && ingress.getStatus().getLoadBalancer() != null
        && ingress.getStatus().getLoadBalancer().getIngress() != null && !ingress.getStatus().getLoadBalancer().getIngress().isEmpty();
    if (hasAddress) {
      return Optional.empty();
    }
    String className = ingressClass.get().getMetadata().getName();
    String controller = ingressClass.get().getSpec() == null ? null : ingressClass.get().getSpec().getController();
    return Optional.of(ingressName + " has no address from its ingress controller: the IngressClass \"" + className + "\"" + (wanted == null ? " (the default)" : "")
        + (controller == null ? " names no controller" : " belongs to the controller " + controller + ", which has not admitted it; is that controller running?"));
  }

  /**
   * Why an HTTPRoute routes nothing: it attaches to no Gateway, no Gateway controller has reported
   * on it, or the Gateways it names did not accept it or cannot reach its backend (their reason and
   * message). Empty when one of its parents accepted it with its references resolved.
   */
  static Optional<String> routeProblem(HTTPRoute route) {
    String namespace = route.getMetadata().getNamespace();
    String routeName = "the solver HTTPRoute " + namespace + "/" + route.getMetadata().getName();
    List<ParentReference> parents = route.getSpec() == null ? List.of() : Objects.requireNonNullElse(route.getSpec().getParentRefs(), List.of());
    if (parents.isEmpty()) {
      return Optional.of(routeName + " attaches to no Gateway: set http01.gatewayHTTPRoute.parentRefs to the Gateway that serves port 80 for the name");
    }
    List<RouteParentStatus> statuses = route.getStatus() == null ? List.of() : Objects.requireNonNullElse(route.getStatus().getParents(), List.of());
    Optional<String> first = Optional.empty();
    for (ParentReference parent : parents) {
      String parentName = describe(parent, namespace);
      Optional<RouteParentStatus> status = statuses.stream().filter(st -> st.getParentRef() != null && sameParent(st.getParentRef(), parent, namespace)).findFirst();
      Optional<Condition> accepted = status.flatMap(st -> condition(st, "Accepted"));
      Optional<Condition> resolved = status.flatMap(st -> condition(st, "ResolvedRefs"));
      String problem;
      if (accepted.isEmpty()) {
        problem = "no Gateway controller has accepted " + routeName + " for " + parentName
            + " (its status names no such parent): does that Gateway exist, and does a controller run for its GatewayClass?";
      } else if (!"True".equals(accepted.get().getStatus())) {
        problem = parentName + " did not accept " + routeName + ": " + accepted.get().getReason() + ": " + accepted.get().getMessage();
      } else if (resolved.isPresent() && !"True".equals(resolved.get().getStatus())) {
        problem = parentName + " accepted " + routeName + " but cannot send its traffic to the solver Service: " + resolved.get().getReason() + ": "
            + resolved.get().getMessage();
      } else {
        return Optional.empty();
      }
      first = first.or(() -> Optional.of(problem));
    }
    return first;
  }

  private static Optional<Condition> condition(RouteParentStatus status, String type) {
    return Objects.requireNonNullElse(status.getConditions(), List.<Condition>of()).stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** A status entry is for a parentRef when it names the same object, listener and port (namespace defaulting to the route's). */
  private static boolean sameParent(ParentReference a, ParentReference b, String routeNamespace) {
    return Objects.equals(a.getName(), b.getName())
        && Objects.equals(Objects.requireNonNullElse(a.getNamespace(), routeNamespace), Objects.requireNonNullElse(b.getNamespace(), routeNamespace))
        && Objects.equals(a.getSectionName(), b.getSectionName())
        && Objects.equals(a.getPort(), b.getPort());
  }

  private static String describe(ParentReference parent, String routeNamespace) {
    String kind = parent.getKind() == null ? "Gateway" : parent.getKind();
    String listener = parent.getSectionName() == null ? "" : " (listener " + parent.getSectionName() + ")";
    return kind + " " + Objects.requireNonNullElse(parent.getNamespace(), routeNamespace) + "/" + parent.getName() + listener;
  }

  private static Optional<String> podProblem(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.of("it has no status yet (is a kubelet running it?)");
    }
    Optional<PodCondition> readyCondition =
        Objects.requireNonNullElse(pod.getStatus().getConditions(), List.<PodCondition>of()).stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    if (readyCondition.map(c -> "True".equals(c.getStatus())).orElse(false)) {
      return Optional.empty();
    }
    for (ContainerStatus container : Objects.requireNonNullElse(pod.getStatus().getContainerStatuses(), List.<ContainerStatus>of())) {
      if (container.getState() != null && container.getState().getWaiting() != null) {
        var waiting = container.getState().getWaiting();
        return Optional.of(waiting.getReason() + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage()));
      }
      if (container.getState() != null && container.getState().getTerminated() != null) {
        var terminated = container.getState().getTerminated();
        return Optional.of("the container exited (" + terminated.getReason() + ", code " + terminated.getExitCode() + ")");
      }
    }
    String phase = pod.getStatus().getPhase() == null ? "unknown phase" : "phase " + pod.getStatus().getPhase();
    return Optional.of(readyCondition.map(c -> phase + ", " + Objects.requireNonNullElse(c.getReason(), "not ready") + (c.getMessage() == null ? "" : ": " + c.getMessage())).orElse(phase));
  }
}
