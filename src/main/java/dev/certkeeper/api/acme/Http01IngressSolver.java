package dev.certkeeper.api.acme;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.ValidationRule;

/** Solves HTTP-01 through an Ingress: a new one of a class, or the user's own one edited in place. */
@ApiType
@ValidationRule(
    value = "(has(self.class) ? 1 : 0) + (has(self.ingressClassName) ? 1 : 0) + (has(self.name) && self.name != '' ? 1 : 0) <= 1",
    message = "http01.ingress takes at most one of class, ingressClassName and name")
public record Http01IngressSolver(
    ServiceType serviceType,
    String ingressClassName,
    @JsonProperty("class") String ingressClass,
    String name,
    SolverPodTemplate podTemplate,
    SolverIngressTemplate ingressTemplate) {

  /** The solver Service type; NodePort by default as in cert-manager. */
  public ServiceType effectiveServiceType() {
    return ServiceType.effective(serviceType);
  }

  /** Whether the solver edits the Ingress it names in place; an empty name names none, as in cert-manager. */
  public boolean editsInPlace() {
    return name != null && !name.isEmpty();
  }
}
