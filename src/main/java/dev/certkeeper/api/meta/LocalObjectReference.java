package dev.certkeeper.api.meta;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.Required;

/** A reference to an object of a known kind in the same namespace. */
@ApiType
public record LocalObjectReference(@Required String name) {}
