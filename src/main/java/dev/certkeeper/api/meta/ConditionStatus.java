package dev.certkeeper.api.meta;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The status of a condition, as in Kubernetes. */
public enum ConditionStatus {
  @JsonProperty("True")
  TRUE,
  @JsonProperty("False")
  FALSE,
  @JsonProperty("Unknown")
  UNKNOWN
}
