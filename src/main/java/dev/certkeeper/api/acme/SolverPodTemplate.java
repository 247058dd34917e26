package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;

/** Overrides for the HTTP-01 solver pod. */
@ApiType
public record SolverPodTemplate(PodTemplateMetadata metadata, SolverPodSpec spec) {}
