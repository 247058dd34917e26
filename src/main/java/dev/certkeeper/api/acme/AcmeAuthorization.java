package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** An authorization of an Order: one identifier and the challenges offered to prove it. */
@ApiType
public record AcmeAuthorization(
    @Required String url, String identifier, Boolean wildcard, AcmeState initialState, List<AcmeChallenge> challenges) {}
