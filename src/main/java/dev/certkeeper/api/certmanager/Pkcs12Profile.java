package dev.certkeeper.api.certmanager;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The algorithms used to protect a PKCS#12 keystore. */
public enum Pkcs12Profile {
  @JsonProperty("LegacyRC2") LEGACY_RC2,
  @JsonProperty("LegacyDES") LEGACY_DES,
  @JsonProperty("Modern2023") MODERN_2023,
  @JsonProperty("Modern2026") MODERN_2026
}
