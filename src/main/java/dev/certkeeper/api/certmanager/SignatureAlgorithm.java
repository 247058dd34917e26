package dev.certkeeper.api.certmanager;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The signature algorithm asked for in the CSR and certificate; it must fit the key. */
public enum SignatureAlgorithm {
  @JsonProperty("SHA256WithRSA") SHA256_WITH_RSA,
  @JsonProperty("SHA384WithRSA") SHA384_WITH_RSA,
  @JsonProperty("SHA512WithRSA") SHA512_WITH_RSA,
  @JsonProperty("ECDSAWithSHA256") ECDSA_WITH_SHA256,
  @JsonProperty("ECDSAWithSHA384") ECDSA_WITH_SHA384,
  @JsonProperty("ECDSAWithSHA512") ECDSA_WITH_SHA512,
  @JsonProperty("PureEd25519") PURE_ED25519
}
