package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;
import java.util.List;
import java.util.Map;

/** Solves HTTP-01 through a Gateway API HTTPRoute. */
@ApiType
public record Http01GatewayHttpRouteSolver(
    ServiceType serviceType, Map<String, String> labels, List<ParentReference> parentRefs, SolverPodTemplate podTemplate) {

  /** The solver Service type; NodePort by default as in cert-manager. */
  public ServiceType effectiveServiceType() {
    return ServiceType.effective(serviceType);
  }
}
