package dev.certkeeper.api.acme;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The state of an ACME Order, authorization or Challenge; valid, invalid, expired and errored are final. */
public enum AcmeState {
  @JsonProperty("valid") VALID,
  @JsonProperty("ready") READY,
  @JsonProperty("pending") PENDING,
  @JsonProperty("processing") PROCESSING,
  @JsonProperty("invalid") INVALID,
  @JsonProperty("expired") EXPIRED,
  @JsonProperty("errored") ERRORED;

  /** True for states after which nothing more happens. */
  public boolean isFinal() {
    return this == VALID || this == INVALID || this == EXPIRED || this == ERRORED;
  }
}
