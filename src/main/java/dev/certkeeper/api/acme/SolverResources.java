package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/** Resource requests and limits of an HTTP-01 solver pod. */
@ApiType
public record SolverResources(Map<String, Quantity> limits, Map<String, Quantity> requests) {}
