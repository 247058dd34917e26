package dev.certkeeper.acme.challenges;

import dev.certkeeper.acme.http01.EditInPlace;
import dev.certkeeper.acme.http01.SolverObjects;
import dev.certkeeper.acme.http01.SolverSettings;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Http01GatewayHttpRouteSolver;
import dev.certkeeper.api.acme.Http01IngressSolver;
import dev.certkeeper.kube.Writes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts an HTTP-01 solver in place for a Challenge (Pod, Service, and an Ingress of its own, a
 * path in the user's Ingress, or an HTTPRoute on the user's Gateway) and takes it away again.
 * Objects have fixed names and are owned by the Challenge, so presenting twice or after a crash
 * finds what is already there.
 */
public final class SolverPresenter {
  static final String GATEWAY_API_MISSING =
      "the solver is a gatewayHTTPRoute, but this cluster does not serve HTTPRoutes (gateway.networking.k8s.io/v1):"
          + " install the Gateway API CRDs and a Gateway controller, or use an http01.ingress solver";
  private final KubernetesClient client;
  private final SolverSettings settings;

  public SolverPresenter(KubernetesClient client, SolverSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** Creates whatever solver object is missing; a problem the user must fix is returned, not thrown. */
  Optional<String> present(Challenge challenge) {
    String namespace = challenge.getMetadata().getNamespace();
    String name = SolverObjects.name(challenge);
    Http01GatewayHttpRouteSolver gateway = challenge.getSpec().solver().http01().gatewayHTTPRoute();
    ensure(Pod.class, namespace, name, () -> SolverObjects.pod(challenge, settings));
    ensure(Service.class, namespace, name, () -> SolverObjects.service(challenge, settings));
    if (gateway != null) {
      try {
        ensure(HTTPRoute.class, namespace, name, () -> SolverObjects.httpRoute(challenge, gateway, settings));
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          return Optional.of(GATEWAY_API_MISSING);
        }
        throw e;
      }
      return Optional.empty();
    }
    Http01IngressSolver solver = challenge.getSpec().solver().http01().ingress();
    if (!solver.editsInPlace()) {
      ensure(Ingress.class, namespace, name, () -> SolverObjects.ingress(challenge, solver, settings));
      return Optional.empty();
    }
    Ingress user = client.network().v1().ingresses().inNamespace(namespace).withName(solver.name()).get();
    if (user == null) {
      return Optional.of("Ingress \"" + namespace + "/" + solver.name() + "\", which the solver edits in place (http01.ingress.name), does not exist");
    }
    Ingress edited = EditInPlace.addChallengePath(user, challenge.getSpec().dnsName(), challenge.getSpec().token(), name);
    if (!Objects.equals(edited.getSpec(), user.getSpec())) {
      client.resource(edited).update();
    }
    return Optional.empty();
  }

  /** Removes the solver: its own objects, and its path from the user's Ingress. */
  void cleanUp(Challenge challenge) {
    String namespace = challenge.getMetadata().getNamespace();
    String name = SolverObjects.name(challenge);
    client.pods().inNamespace(namespace).withName(name).delete();
    client.services().inNamespace(namespace).withName(name).delete();
    if (challenge.getSpec().solver().http01() != null && challenge.getSpec().solver().http01().gatewayHTTPRoute() != null) {
      try {
        client.resources(HTTPRoute.class).inNamespace(namespace).withName(name).delete();
      } catch (KubernetesClientException e) {
        // Without the Gateway API there is no HTTPRoute to remove.
        if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
          throw e;
        }
      }
      return;
    }
    Http01IngressSolver solver = challenge.getSpec().solver().http01() == null ? null : challenge.getSpec().solver().http01().ingress();
    if (solver == null || !solver.editsInPlace()) {
      client.network().v1().ingresses().inNamespace(namespace).withName(name).delete();
      return;
    }
    Ingress user = client.network().v1().ingresses().inNamespace(namespace).withName(solver.name()).get();
    if (user != null) {
      Ingress edited = EditInPlace.removeChallengePath(user, challenge.getSpec().dnsName(), challenge.getSpec().token());
      if (!Objects.equals(edited.getSpec(), user.getSpec())) {
        client.resource(edited).update();
      }
    }
  }

  private <T extends HasMetadata> void ensure(Class<T> type, String namespace, String name, java.util.function.Supplier<T> wanted) {
    if (client.resources(type).inNamespace(namespace).withName(name).get() != null) {
      return;
    }
    Writes.createIfAbsent(client, wanted.get());
  }
}
