package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** When a Certificate may be renewed. */
@ApiType
@ValidationRule(
    value = "!has(self.policy) || self.policy != 'Disabled' || !has(self.windows) || size(self.windows) == 0",
    message = "renewal.windows cannot be set when renewal.policy is Disabled")
public record CertificateRenewal(RenewalPolicy policy, List<RenewalWindow> windows) {}
