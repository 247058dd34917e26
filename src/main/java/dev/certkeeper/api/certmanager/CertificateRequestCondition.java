package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import dev.certkeeper.api.meta.ConditionEntry;
import dev.certkeeper.api.meta.ConditionStatus;
import io.fabric8.generator.annotation.Required;

/** A condition of a CertificateRequest: Ready, InvalidRequest, Approved or Denied. */
@ApiType
public record CertificateRequestCondition(
    @Required String type, @Required ConditionStatus status, String lastTransitionTime, String reason, String message)
    implements ConditionEntry {}
