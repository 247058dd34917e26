package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;
import dev.certkeeper.api.meta.IssuerReference;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What an ACME Order asks the CA for: the names, and the CSR to finalize with. */
@ApiType
@ValidationRule(
    value = "self.request == oldSelf.request",
    message = "spec.request of an Order cannot change after creation")
public record OrderSpec(
    @Required String request,
    @Required IssuerReference issuerRef,
    String commonName,
    List<String> dnsNames,
    List<String> ipAddresses,
    String duration,
    String profile,
    String replaces) {}
