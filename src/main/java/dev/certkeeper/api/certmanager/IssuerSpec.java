package dev.certkeeper.api.certmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.certkeeper.api.ApiType;
import dev.certkeeper.api.acme.AcmeIssuer;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The configuration of an Issuer or ClusterIssuer: exactly one issuer type. Vault and Venafi are
 * accepted and kept as written, and reported Unsupported until certkeeper implements them.
 */
@ApiType
@ValidationRule(
    value = "[has(self.acme), has(self.ca), has(self.selfSigned), has(self.vault), has(self.venafi)].filter(x, x).size() == 1",
    message = "an issuer needs exactly one of acme, ca, selfSigned, vault or venafi")
public record IssuerSpec(
    AcmeIssuer acme,
    CaIssuer ca,
    SelfSignedIssuer selfSigned,
    @PreserveUnknownFields ObjectNode vault,
    VenafiIssuer venafi) {}
