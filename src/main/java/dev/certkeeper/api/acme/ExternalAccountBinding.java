package dev.certkeeper.api.acme;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.certkeeper.api.ApiType;
import dev.certkeeper.api.meta.SecretKeySelector;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** External Account Binding: ties the ACME account to an account the CA already knows. */
@ApiType
public record ExternalAccountBinding(
    @Required @ValidationRule(value = "self != ''", message = "externalAccountBinding.keyID must not be empty") String keyID,
    @Required SecretKeySelector keySecretRef,
    KeyAlgorithm keyAlgorithm) {

  /** The MAC algorithm: deprecated and ignored, as in cert-manager, which always signs the binding with HS256. */
  public enum KeyAlgorithm {
    @JsonProperty("HS256") HS256,
    @JsonProperty("HS384") HS384,
    @JsonProperty("HS512") HS512
  }
}
