package dev.certkeeper.api.meta;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.Required;

/**
 * A condition of a Certificate, Issuer or ClusterIssuer. {@code lastTransitionTime} changes only
 * when {@code status} changes.
 */
@ApiType
public record Condition(
    @Required String type,
    @Required ConditionStatus status,
    String lastTransitionTime,
    String reason,
    String message,
    Long observedGeneration) implements ConditionEntry {}
