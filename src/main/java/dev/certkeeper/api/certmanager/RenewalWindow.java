package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A recurring window (cron start plus length) inside which renewals may happen. */
@ApiType
public record RenewalWindow(
    @Required String cron, @Required @Pattern("^([0-9]+(\\.[0-9]+)?(s|m|h))+$") String windowDuration, String timezone) {}
