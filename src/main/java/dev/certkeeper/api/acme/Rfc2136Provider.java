package dev.certkeeper.api.acme;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.certkeeper.api.ApiType;
import dev.certkeeper.api.meta.SecretKeySelector;
import io.fabric8.generator.annotation.Required;

/** DNS-01 through RFC 2136 dynamic updates to an authoritative name server. */
@ApiType
public record Rfc2136Provider(
    @Required String nameserver,
    String tsigKeyName,
    String tsigAlgorithm,
    SecretKeySelector tsigSecretSecretRef,
    Protocol protocol) {

  /** The transport for updates. */
  public enum Protocol {
    @JsonProperty("TCP") TCP,
    @JsonProperty("UDP") UDP
  }
}
