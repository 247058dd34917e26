package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import dev.certkeeper.api.meta.SecretKeySelector;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A JKS keystore ({@code keystore.jks}, {@code truststore.jks}) written beside the PEM files. */
@ApiType
// A passwordSecretRef with an empty name counts as unset, as in cert-manager.
@ValidationRule(
    value = "(has(self.passwordSecretRef) && self.passwordSecretRef.name != '') != has(self.password)",
    message = "keystores.jks needs exactly one of passwordSecretRef and password")
@ValidationRule(
    value = "!has(self.password) || self.password != ''",
    message = "keystores.jks.password must not be empty")
public record JksKeystore(
    @Required Boolean create, String alias, SecretKeySelector passwordSecretRef, String password) {

  /** The alias of the key entry, "certificate" by default. */
  public String effectiveAlias() {
    return alias == null || alias.isEmpty() ? "certificate" : alias;
  }
}
