package dev.certkeeper.acme.http01;

import dev.certkeeper.api.acme.Http01IngressSolver;
import java.util.List;
import java.util.Map;

/**
 * Applies the ingress override annotations to an HTTP-01 Ingress solver, as cert-manager does when
 * it creates a Challenge: one override replaces the solver's whole ingress selection (name, class
 * and ingressClassName); two or more are a configuration error.
 */
public final class IngressOverrides {

  /** The solver to copy into the Challenge, or the error to report instead of creating it. */
  public record Result(Http01IngressSolver solver, String error) {
    static Result of(Http01IngressSolver solver) {
      return new Result(solver, null);
    }

    /** Whether there is a solver to use; otherwise {@link #error()} says why not. */
    public boolean ok() {
      return error == null;
    }
  }

  private IngressOverrides() {}

  /** The solver with the override from the Order's (the Certificate's) annotations applied, if there is one. */
  public static Result effectiveIngressSolver(Http01IngressSolver solver, Map<String, String> annotations) {
    List<String> present = annotations == null ? List.of() : Http01Annotations.OVERRIDES.stream().filter(annotations::containsKey).toList();
    if (present.size() > 1) {
      return new Result(null, "the annotations " + String.join(", ", present) + " each choose the HTTP-01 Ingress; set at most one of them");
    }
    if (present.isEmpty()) {
      return Result.of(solver);
    }
    String key = present.get(0);
    String value = annotations.get(key);
    if (value == null || value.isBlank()) {
      return new Result(null, "the annotation " + key + " is empty; it must name an Ingress or an ingress class");
    }
    return Result.of(new Http01IngressSolver(
        solver.serviceType(),
        key.equals(Http01Annotations.OVERRIDE_INGRESS_CLASS_NAME) ? value : null,
        key.equals(Http01Annotations.OVERRIDE_INGRESS_CLASS) ? value : null,
        key.equals(Http01Annotations.OVERRIDE_INGRESS_NAME) ? value : null,
        solver.podTemplate(),
        solver.ingressTemplate()));
  }
}
