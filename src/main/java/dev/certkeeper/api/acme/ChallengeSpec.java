package dev.certkeeper.api.acme;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.certkeeper.api.ApiType;
import dev.certkeeper.api.meta.IssuerReference;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** One ACME challenge to solve: where, for which name, with which token, key and solver. Immutable. */
@ApiType
@ValidationRule(value = "self == oldSelf", message = "the spec of a Challenge cannot change after creation")
public record ChallengeSpec(
    @Required String url,
    @Required String authorizationURL,
    @Required String dnsName,
    Boolean wildcard,
    @Required Type type,
    @Required String token,
    @Required String key,
    @Required AcmeChallengeSolver solver,
    @Required IssuerReference issuerRef) {

  /** The challenge type. */
  public enum Type {
    @JsonProperty("HTTP-01") HTTP_01,
    @JsonProperty("DNS-01") DNS_01
  }
}
