package dev.certkeeper.api.certmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.certkeeper.api.ApiType;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A Venafi issuer (TPP, Cloud or NGTS). Not implemented yet: its connection settings are kept as
 * written and the issuer reports Unsupported.
 */
@ApiType
@ValidationRule(
    value = "[has(self.tpp), has(self.cloud), has(self.ngts)].filter(x, x).size() == 1",
    message = "venafi needs exactly one of tpp, cloud or ngts")
public record VenafiIssuer(
    @Required String zone,
    @PreserveUnknownFields ObjectNode tpp,
    @PreserveUnknownFields ObjectNode cloud,
    @PreserveUnknownFields ObjectNode ngts) {}
