package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Permitted or excluded subtrees of an X.509 name constraint. */
@ApiType
@ValidationRule(
    value = "!has(self.ipRanges) || self.ipRanges.all(r, isCIDR(r))",
    message = "nameConstraints ipRanges must be CIDR ranges such as 10.0.0.0/8 or 2001:db8::/32")
public record NameConstraintItem(
    List<String> dnsDomains,
    @Size(max = 1000) List<@Size(max = 49) String> ipRanges,
    List<String> emailAddresses,
    List<String> uriDomains) {}
