package dev.certkeeper.api.acme;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.certkeeper.api.ApiType;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * A DNS-01 solver: exactly one provider. Providers other than RFC 2136 are accepted and kept as
 * written until certkeeper implements them.
 */
@ApiType
@ValidationRule(
    value =
        "(has(self.acmeDNS) ? 1 : 0) + (has(self.akamai) ? 1 : 0) + (has(self.azureDNS) ? 1 : 0) + (has(self.cloudDNS) ? 1 : 0)"
            + " + (has(self.cloudflare) ? 1 : 0) + (has(self.digitalocean) ? 1 : 0) + (has(self.rfc2136) ? 1 : 0)"
            + " + (has(self.route53) ? 1 : 0) + (has(self.webhook) ? 1 : 0) == 1",
    message =
        "dns01 needs exactly one provider: acmeDNS, akamai, azureDNS, cloudDNS, cloudflare, digitalocean, rfc2136, route53 or webhook")
public record Dns01Solver(
    CnameStrategy cnameStrategy,
    @Size(max = 100) List<@Size(max = 256) String> nameservers,
    @PreserveUnknownFields ObjectNode akamai,
    @PreserveUnknownFields ObjectNode cloudDNS,
    @PreserveUnknownFields ObjectNode cloudflare,
    @PreserveUnknownFields ObjectNode route53,
    @PreserveUnknownFields ObjectNode azureDNS,
    @PreserveUnknownFields ObjectNode digitalocean,
    @PreserveUnknownFields ObjectNode acmeDNS,
    Rfc2136Provider rfc2136,
    @PreserveUnknownFields ObjectNode webhook) {

  /** Whether CNAMEs are followed to find the zone to write the record in. */
  public enum CnameStrategy {
    @JsonProperty("None") NONE,
    @JsonProperty("Follow") FOLLOW
  }
}
