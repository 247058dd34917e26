package dev.certkeeper.acme.challenges;

import dev.certkeeper.acme.http01.EditInPlace;
import dev.certkeeper.acme.http01.SolverObjects;
import dev.certkeeper.acme.http01.SolverSettings;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Http01IngressSolver;
import dev.certkeeper.kube.Writes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts an HTTP-01 solver in place for a Challenge (Pod, Service, and an Ingress of its own or a
 * path in the user's Ingress) and takes it away again. Objects have fixed names and are owned by
 * the Challenge, so presenting twice or after a crash finds what is already there.
 */
public final class SolverPresenter {
  private final KubernetesClient client;
  private final SolverSettings settings;

  public SolverPresenter(KubernetesClient client, SolverSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** Creates whatever solver object is missing; a problem the user must fix is returned, not thrown. */
  Optional<String> present(Challenge challenge) {
    Http01IngressSolver solver = challenge.getSpec().solver().http01().ingress();
    if (solver == null) {
      return Optional.of("the solver has no http01.ingress; gatewayHTTPRoute solvers are not supported by this version of certkeeper");
    }
    String namespace = challenge.getMetadata().getNamespace();
    String name = SolverObjects.name(challenge);
    ensure(Pod.class, namespace, name, () -> SolverObjects.pod(challenge, solver, settings));
    ensure(Service.class, namespace, name, () -> SolverObjects.service(challenge, solver, settings));
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
