package dev.certkeeper.api.certmanager;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a Certificate renews before expiry (RenewBefore, the default) or never (Disabled). */
public enum RenewalPolicy {
  @JsonProperty("RenewBefore") RENEW_BEFORE,
  @JsonProperty("Disabled") DISABLED
}
