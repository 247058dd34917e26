package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import dev.certkeeper.api.meta.SecretKeySelector;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A PKCS#12 keystore ({@code keystore.p12}, {@code truststore.p12}) written beside the PEM files. */
@ApiType
// A passwordSecretRef with an empty name counts as unset, as in cert-manager.
@ValidationRule(
    value = "(has(self.passwordSecretRef) && self.passwordSecretRef.name != '') != has(self.password)",
    message = "keystores.pkcs12 needs exactly one of passwordSecretRef and password")
@ValidationRule(
    value = "!has(self.password) || self.password != ''",
    message = "keystores.pkcs12.password must not be empty")
public record Pkcs12Keystore(
    @Required Boolean create, Pkcs12Profile profile, SecretKeySelector passwordSecretRef, String password) {

  /** The profile, LegacyRC2 by default as in cert-manager. */
  public Pkcs12Profile effectiveProfile() {
    return profile == null ? Pkcs12Profile.LEGACY_RC2 : profile;
  }
}
