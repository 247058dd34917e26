package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;

/** Overrides for the HTTP-01 solver Ingress. */
@ApiType
public record SolverIngressTemplate(PodTemplateMetadata metadata) {}
