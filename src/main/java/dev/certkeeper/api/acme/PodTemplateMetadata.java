package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;
import java.util.Map;

/** Labels and annotations added to an HTTP-01 solver object. */
@ApiType
public record PodTemplateMetadata(Map<String, String> labels, Map<String, String> annotations) {}
