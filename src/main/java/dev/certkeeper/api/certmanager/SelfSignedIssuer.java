package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import java.util.List;

/** An issuer that signs each certificate with its own private key. */
@ApiType
public record SelfSignedIssuer(List<String> crlDistributionPoints) {}
