package dev.certkeeper.cli;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import java.util.List;
import java.util.Optional;

/** {@code certkeeper check api}'s decision: every kind is served and its CRD established, or why not. */
final class ApiReadiness {
  private ApiReadiness() {}

  /**
   * What is known of one kind: whether API discovery lists it, and its CRD ({@code crd} null when
   * absent; {@code crdReadable} false when the user may not read CRDs, so only discovery tells).
   */
  record KindState(String kind, String crdName, boolean served, CustomResourceDefinition crd, boolean crdReadable) {}

  /** Why the API is not ready, one line per kind; empty when it is. */
  static List<String> problems(List<KindState> kinds) {
    return kinds.stream().map(ApiReadiness::problem).flatMap(Optional::stream).toList();
  }

  static Optional<String> problem(KindState state) {
    if (state.crdReadable() && state.crd() == null) {
      return Optional.of("CustomResourceDefinition " + state.crdName() + " is not installed: apply crds/ or install the Helm chart");
    }
    if (state.crdReadable()) {
      Optional<CustomResourceDefinitionCondition> established = condition(state.crd(), "Established");
      if (established.map(c -> !"True".equals(c.getStatus())).orElse(true)) {
        String why = established.or(() -> condition(state.crd(), "NamesAccepted").filter(c -> !"True".equals(c.getStatus())))
            .map(c -> ": " + c.getReason() + ": " + c.getMessage())
            .orElse("");
        return Optional.of("CustomResourceDefinition " + state.crdName() + " is not established yet" + why);
      }
    }
    if (!state.served()) {
      return Optional.of(state.kind() + " (" + state.crdName() + ") is not served by the API server yet"
          + (state.crdReadable() ? "" : " (its CustomResourceDefinition cannot be read with these credentials to say why)"));
    }
    return Optional.empty();
  }

  private static Optional<CustomResourceDefinitionCondition> condition(CustomResourceDefinition crd, String type) {
    if (crd.getStatus() == null || crd.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return crd.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
