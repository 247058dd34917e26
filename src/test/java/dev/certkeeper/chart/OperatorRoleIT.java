package dev.certkeeper.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.Order;
import dev.certkeeper.kube.EventRecorder;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Calls the operator makes, made with no more than the chart's own ClusterRole: a user bound to
 * it, impersonated, and the local API server's RBAC authorizer deciding. The local operator runs
 * as cluster administrator, so a verb the chart forgot shows up here and not in the other tests.
 */
@ExtendWith(LocalControlPlane.class)
class OperatorRoleIT {
  private static Fixture fixture;
  private static ClusterRole role;
  private static ClusterRoleBinding binding;
  private static KubernetesClient operator;

  @BeforeAll
  static void install(LocalEnvironment environment) {
    fixture = new Fixture(environment, "role");
    role = Chart.create(fixture.client, Chart.find(Chart.renderedFor(fixture.namespace), "ClusterRole", fixture.namespace + "-certkeeper"));
    String user = "operator@" + fixture.namespace;
    binding = fixture.client.resource(new ClusterRoleBindingBuilder()
            .withNewMetadata().withName(fixture.namespace).endMetadata()
            .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(role.getMetadata().getName()).endRoleRef()
            .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(user).endSubject()
            .build())
        .create();
    operator = new KubernetesClientBuilder().withConfig(new ConfigBuilder(fixture.client.getConfiguration()).withImpersonateUsername(user).build()).build();
  }

  @AfterAll
  static void uninstall() {
    if (operator != null) {
      operator.close();
    }
    if (binding != null) {
      fixture.client.resource(binding).delete();
    }
    if (role != null) {
      fixture.client.resource(role).delete();
    }
  }

  @Test
  void aRepeatedEventIsCountedOnTheFirst() {
    ConfigMap object = fixture.client.resource(new ConfigMapBuilder().withNewMetadata().withName("noisy").withNamespace(fixture.namespace).endMetadata().build()).create();
    EventRecorder events = new EventRecorder(operator, Clock.systemUTC());
    events.warning(object, "Repeated", "the same cause twice");
    Await.until(Fixture.TIMEOUT, "the first Event", () -> event(object), () -> "none yet");
    events.warning(object, "Repeated", "the same cause twice");

    Event counted = Await.until(
        Fixture.TIMEOUT, "the repeat to be counted on the first Event",
        () -> event(object).filter(e -> Integer.valueOf(2).equals(e.getCount())),
        () -> String.valueOf(event(object).map(Event::getCount).orElse(null)));
    assertThat(fixture.client.v1().events().inNamespace(fixture.namespace).list().getItems())
        .as("one Event for both").filteredOn(e -> "Repeated".equals(e.getReason())).containsExactly(counted);
  }

  @Test
  void anOrderLeftByAnEarlierRequestCanBeRemoved() {
    Order left = fixture.create(
        Order.class,
        "apiVersion: acme.cert-manager.io/v1\nkind: Order\nmetadata: {name: left-1-123}\nspec:\n  request: " + Base64.getEncoder().encodeToString("csr".getBytes())
            + "\n  issuerRef: {name: acme}\n  dnsNames: [left.example.com]\n");
    operator.resource(left).delete();
    Await.until(Fixture.TIMEOUT, "the Order to be gone", () -> Optional.of(true).filter(gone -> fixture.client.resource(left).get() == null), () -> "still there");
  }

  private static Optional<Event> event(ConfigMap object) {
    return fixture.client.v1().events().inNamespace(fixture.namespace).list().getItems().stream()
        .filter(e -> "Repeated".equals(e.getReason()) && object.getMetadata().getUid().equals(e.getInvolvedObject().getUid()))
        .findFirst();
  }
}
