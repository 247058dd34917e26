package dev.certkeeper.api.certmanager;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether each issuance gets a new private key (Always, the default) or reuses the stored one. */
public enum RotationPolicy {
  @JsonProperty("Never") NEVER,
  @JsonProperty("Always") ALWAYS
}
