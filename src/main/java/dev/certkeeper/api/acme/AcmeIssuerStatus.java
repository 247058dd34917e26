package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;

/** The ACME account an issuer registered. */
@ApiType
public record AcmeIssuerStatus(String uri, String lastRegisteredEmail, String lastPrivateKeyHash) {}
