package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import dev.certkeeper.api.acme.AcmeIssuerStatus;
import dev.certkeeper.api.meta.Condition;
import java.util.List;

/** The observed state of an Issuer or ClusterIssuer. */
@ApiType
public record IssuerStatus(List<Condition> conditions, AcmeIssuerStatus acme) {}
