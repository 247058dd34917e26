package dev.certkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.cli.ApiReadiness.KindState;
import dev.certkeeper.testing.Manifests;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiReadinessTest {
  private static final String NAME = "certificates.cert-manager.io";

  private static CustomResourceDefinition crd(String conditions) {
    return Manifests.typed(
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: " + NAME + "}\nstatus:\n  conditions:\n" + conditions,
        CustomResourceDefinition.class);
  }

  private static final CustomResourceDefinition ESTABLISHED =
      crd("  - {type: NamesAccepted, status: 'True', reason: NoConflicts}\n  - {type: Established, status: 'True', reason: InitialNamesAccepted}\n");

  @Test
  void readyWhenEveryKindIsServedAndEstablished() {
    assertThat(ApiReadiness.problems(List.of(new KindState("Certificate", NAME, true, ESTABLISHED, true)))).isEmpty();
  }

  @Test
  void readyOnDiscoveryAloneWhenCrdsCannotBeRead() {
    assertThat(ApiReadiness.problems(List.of(new KindState("Certificate", NAME, true, null, false)))).isEmpty();
  }

  @Test
  void namesAMissingCrd() {
    assertThat(ApiReadiness.problems(List.of(new KindState("Certificate", NAME, false, null, true))))
        .containsExactly("CustomResourceDefinition certificates.cert-manager.io is not installed: apply crds/ or install the Helm chart");
  }

  @Test
  void saysWhyACrdIsNotEstablished() {
    CustomResourceDefinition conflicting = crd(
        "  - {type: NamesAccepted, status: 'False', reason: NameConflict, message: 'plural \"certificates\" is already in use'}\n"
            + "  - {type: Established, status: 'False', reason: NotAccepted, message: not all names are accepted}\n");

    assertThat(ApiReadiness.problems(List.of(new KindState("Certificate", NAME, false, conflicting, true))))
        .containsExactly("CustomResourceDefinition certificates.cert-manager.io is not established yet: NotAccepted: not all names are accepted");
    assertThat(ApiReadiness.problem(new KindState("Certificate", NAME, false, crd("  - {type: NamesAccepted, status: 'False', reason: NameConflict, message: taken}\n"), true)))
        .hasValue("CustomResourceDefinition certificates.cert-manager.io is not established yet: NameConflict: taken");
  }

  @Test
  void aKindNotServedIsAProblemEvenWhenItsCrdCannotBeRead() {
    assertThat(ApiReadiness.problems(List.of(new KindState("Certificate", NAME, false, null, false)))).singleElement()
        .asString().startsWith("Certificate (certificates.cert-manager.io) is not served by the API server yet (its CustomResourceDefinition cannot be read");
  }

  @Test
  void listsOneProblemPerKind() {
    assertThat(ApiReadiness.problems(List.of(
            new KindState("Certificate", NAME, true, ESTABLISHED, true),
            new KindState("Order", "orders.acme.cert-manager.io", false, null, true),
            new KindState("Challenge", "challenges.acme.cert-manager.io", false, null, true))))
        .hasSize(2);
  }
}
