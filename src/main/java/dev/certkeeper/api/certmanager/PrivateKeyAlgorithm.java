package dev.certkeeper.api.certmanager;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The algorithm of a Certificate's private key. */
public enum PrivateKeyAlgorithm {
  @JsonProperty("RSA") RSA,
  @JsonProperty("ECDSA") ECDSA,
  @JsonProperty("Ed25519") ED25519
}
