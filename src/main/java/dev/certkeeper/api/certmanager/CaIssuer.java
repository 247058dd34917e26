package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** An issuer that signs with a CA key pair kept in a Secret. */
@ApiType
public record CaIssuer(
    @Required String secretName,
    List<String> crlDistributionPoints,
    List<String> ocspServers,
    List<String> issuingCertificateURLs) {}
