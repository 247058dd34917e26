package dev.certkeeper.api.certmanager;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How {@code tls.key} is encoded. Ed25519 keys are always PKCS#8. */
public enum PrivateKeyEncoding {
  @JsonProperty("PKCS1") PKCS1,
  @JsonProperty("PKCS8") PKCS8
}
