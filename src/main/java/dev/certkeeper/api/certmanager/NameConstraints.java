package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.ValidationRule;

/** X.509 name constraints of a CA certificate. */
@ApiType
@ValidationRule(
    value = "has(self.permitted) || has(self.excluded)",
    message = "nameConstraints needs permitted or excluded subtrees")
public record NameConstraints(Boolean critical, NameConstraintItem permitted, NameConstraintItem excluded) {}
