package dev.certkeeper.acme.challenges;

import dev.certkeeper.acme.http01.Http01Annotations;
import dev.certkeeper.acme.http01.SolverObjects;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Http01IngressSolver;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a solver does not answer, read from its own objects in the order traffic flows through
 * them: the Pod, the Service's endpoints, the Ingress's class and its address. Empty when they
 * all look right, so that the self-check's own result (another backend answered…) is the news.
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
    Optional<String> podProblem = podProblem(pod);
    if (podProblem.isPresent()) {
      return Optional.of("the solver Pod " + namespace + "/" + name + " is not Ready: " + podProblem.get());
    }
    List<EndpointSlice> slices =
        client.discovery().v1().endpointSlices().inNamespace(namespace).withLabel("kubernetes.io/service-name", name).list().getItems();
    boolean ready = slices.stream()
        .flatMap(s -> Objects.requireNonNullElse(s.getEndpoints(), List.<io.fabric8.kubernetes.api.model.discovery.v1.Endpoint>of()).stream())
        .anyMatch(e -> e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady()));
    if (!ready) {
      return Optional.of("the solver Service " + namespace + "/" + name + " has no ready endpoints");
    }
    Http01IngressSolver solver = challenge.getSpec().solver().http01().ingress();
    String ingressName = solver.name() != null ? solver.name() : name;
    Ingress ingress = client.network().v1().ingresses().inNamespace(namespace).withName(ingressName).get();
    if (ingress == null) {
      return Optional.of("the Ingress " + namespace + "/" + ingressName + " does not exist");
    }
    Optional<String> classProblem = classProblem(ingress);
    if (classProblem.isPresent()) {
      return classProblem;
    }
    boolean hasAddress = ingress.getStatus() != null && ingress.getStatus().getLoadBalancer() != null
        && ingress.getStatus().getLoadBalancer().getIngress() != null && !ingress.getStatus().getLoadBalancer().getIngress().isEmpty();
    if (!hasAddress) {
      return Optional.of("the Ingress " + namespace + "/" + ingressName + " has no address from an ingress controller: no controller has admitted it");
    }
    return Optional.empty();
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

  private Optional<String> classProblem(Ingress ingress) {
    String wanted = ingress.getSpec() != null && ingress.getSpec().getIngressClassName() != null
        ? ingress.getSpec().getIngressClassName()
        : Objects.requireNonNullElse(ingress.getMetadata().getAnnotations(), Map.<String, String>of()).get(Http01Annotations.INGRESS_CLASS);
    List<IngressClass> classes = client.network().v1().ingressClasses().list().getItems();
    List<String> names = classes.stream().map(c -> c.getMetadata().getName()).sorted().toList();
    if (wanted == null) {
      boolean hasDefault = classes.stream().anyMatch(c -> "true".equals(Objects.requireNonNullElse(c.getMetadata().getAnnotations(), Map.<String, String>of()).get(DEFAULT_CLASS)));
      return hasDefault ? Optional.empty()
          : Optional.of("the Ingress " + ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName() + " names no ingress class and no IngressClass is the default; existing classes: " + names);
    }
    if (!names.contains(wanted)) {
      return Optional.of("the ingress class \"" + wanted + "\" matches no IngressClass in the cluster (existing: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
    }
    return Optional.empty();
  }
}
