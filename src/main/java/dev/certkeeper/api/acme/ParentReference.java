package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** A Gateway API parent (usually a Gateway) that the solver HTTPRoute attaches to. */
@ApiType
public record ParentReference(
    @Default("gateway.networking.k8s.io") String group,
    @Default("Gateway") String kind,
    String namespace,
    @Required String name,
    String sectionName,
    Integer port) {}
