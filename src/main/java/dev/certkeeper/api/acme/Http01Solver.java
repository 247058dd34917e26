package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.ValidationRule;

/** An HTTP-01 solver: through an Ingress or through a Gateway API HTTPRoute. */
@ApiType
@ValidationRule(
    value = "has(self.ingress) != has(self.gatewayHTTPRoute)",
    message = "http01 needs exactly one of ingress and gatewayHTTPRoute")
public record Http01Solver(Http01IngressSolver ingress, Http01GatewayHttpRouteSolver gatewayHTTPRoute) {

  /** The podTemplate of whichever solver is set. */
  public SolverPodTemplate solverPodTemplate() {
    return gatewayHTTPRoute != null ? gatewayHTTPRoute.podTemplate() : ingress.podTemplate();
  }

  /** The solver Service type of whichever solver is set; NodePort by default as in cert-manager. */
  public ServiceType effectiveServiceType() {
    return gatewayHTTPRoute != null ? gatewayHTTPRoute.effectiveServiceType() : ingress.effectiveServiceType();
  }
}
