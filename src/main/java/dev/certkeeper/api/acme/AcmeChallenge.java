package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;

/** One challenge the CA offered for an authorization, as listed on the Order. */
@ApiType
public record AcmeChallenge(String url, String token, String type) {}
