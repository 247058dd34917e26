package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;
import java.util.List;

/** The progress of an ACME Order at the CA. */
@ApiType
public record OrderStatus(
    String url,
    String finalizeURL,
    List<AcmeAuthorization> authorizations,
    String certificate,
    AcmeState state,
    String reason,
    String failureTime) {}
