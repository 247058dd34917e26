package dev.certkeeper.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart's aggregated ClusterRoles on the local API server, with kube-controller-manager's
 * aggregation controller: what Kubernetes's own view and edit roles then allow in a namespace,
 * asked of the API server's authorizer (SubjectAccessReview).
 */
@ExtendWith(LocalControlPlane.class)
class AggregatedRolesIT {
  private static Fixture fixture;
  private static List<ClusterRole> installed;
  private static String viewer;
  private static String editor;

  @BeforeAll
  static void install(LocalEnvironment environment) {
    fixture = new Fixture(environment, "rbac");
    installed = Chart.ofKind(Chart.renderedFor(fixture.namespace), "ClusterRole").stream()
        .filter(role -> role.path("metadata").path("labels").has("rbac.authorization.k8s.io/aggregate-to-edit"))
        .map(role -> Chart.create(fixture.client, role))
        .toList();
    assertThat(installed).hasSize(2);
    viewer = "viewer@" + fixture.namespace;
    editor = "editor@" + fixture.namespace;
    bind(viewer, "view");
    bind(editor, "edit");
  }

  @AfterAll
  static void uninstall() {
    if (installed != null) {
      installed.forEach(role -> fixture.client.resource(role).delete());
    }
  }

  private static void bind(String user, String clusterRole) {
    fixture.client.resource(new RoleBindingBuilder()
            .withNewMetadata().withName(clusterRole + "-" + user.substring(0, user.indexOf('@'))).withNamespace(fixture.namespace).endMetadata()
            .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(clusterRole).endRoleRef()
            .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(user).endSubject()
            .build())
        .create();
  }

  @Test
  void viewersReadCertkeepersObjectsAndChangeNone() {
    awaitAllowed(viewer, "list", "cert-manager.io", "certificates", "");
    assertThat(allowed(viewer, "watch", "cert-manager.io", "certificaterequests", "")).isTrue();
    assertThat(allowed(viewer, "get", "cert-manager.io", "issuers", "")).isTrue();
    assertThat(allowed(viewer, "get", "acme.cert-manager.io", "orders", "")).isTrue();
    assertThat(allowed(viewer, "list", "acme.cert-manager.io", "challenges", "")).isTrue();

    assertThat(allowed(viewer, "create", "cert-manager.io", "certificates", "")).isFalse();
    assertThat(allowed(viewer, "update", "cert-manager.io", "certificates", "status")).as("renew").isFalse();
    assertThat(allowed(viewer, "delete", "acme.cert-manager.io", "challenges", "")).isFalse();
  }

  @Test
  void editorsManageAndRenewCertificatesButNotClusterIssuersOrRequestStatus() {
    awaitAllowed(editor, "create", "cert-manager.io", "certificates", "");
    assertThat(allowed(editor, "update", "cert-manager.io", "certificates", "status")).as("renew").isTrue();
    assertThat(allowed(editor, "delete", "cert-manager.io", "certificaterequests", "")).isTrue();
    assertThat(allowed(editor, "patch", "cert-manager.io", "issuers", "")).isTrue();
    assertThat(allowed(editor, "deletecollection", "acme.cert-manager.io", "orders", "")).isTrue();
    assertThat(allowed(editor, "list", "cert-manager.io", "certificates", "")).as("edit includes view").isTrue();

    assertThat(allowed(editor, "create", "cert-manager.io", "clusterissuers", "")).as("cluster-wide, for administrators").isFalse();
    assertThat(allowed(editor, "patch", "cert-manager.io", "certificaterequests", "status")).as("only the operator signs").isFalse();
  }

  /** Aggregation is asynchronous: waits until the controller has copied the rules into the built-in role. */
  private static void awaitAllowed(String user, String verb, String group, String resource, String subresource) {
    Await.until(Fixture.TIMEOUT, user + " allowed to " + verb + " " + group + "/" + resource,
        () -> Optional.of(true).filter(ignored -> allowed(user, verb, group, resource, subresource)),
        () -> "not allowed yet");
  }

  private static boolean allowed(String user, String verb, String group, String resource, String subresource) {
    SubjectAccessReview review = fixture.client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
        .withNewSpec()
        .withUser(user)
        .withNewResourceAttributes()
        .withNamespace(fixture.namespace).withVerb(verb).withGroup(group).withResource(resource).withSubresource(subresource)
        .endResourceAttributes()
        .endSpec()
        .build());
    return review.getStatus().getAllowed();
  }
}
