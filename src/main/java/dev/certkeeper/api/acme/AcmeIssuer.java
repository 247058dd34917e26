package dev.certkeeper.api.acme;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.certkeeper.api.ApiType;
import dev.certkeeper.api.meta.SecretKeySelector;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * An issuer backed by an ACME (RFC 8555) CA such as Let's Encrypt. At most 200 solvers, a bound
 * the API server needs to budget the solvers' validation rules.
 */
@ApiType
@ValidationRule(
    value = "!(has(self.caBundle) && has(self.skipTLSVerify) && self.skipTLSVerify)",
    message = "set caBundle or skipTLSVerify, not both: caBundle is the safer choice")
@ValidationRule(
    // The scheme in any case, as a URL reader takes it (HTTPS://… is the same URL).
    value = "!has(self.server) || self.server.lowerAscii().startsWith('https://') || self.server.lowerAscii().startsWith('http://')",
    message = "acme.server must be the URL of the ACME directory, for example https://acme-v02.api.letsencrypt.org/directory")
public record AcmeIssuer(
    String email,
    @Required String server,
    @ValidationRule(value = "size(self) <= 64", message = "preferredChain must be at most 64 characters") String preferredChain,
    String caBundle,
    Boolean skipTLSVerify,
    ExternalAccountBinding externalAccountBinding,
    @Required SecretKeySelector privateKeySecretRef,
    @Size(max = 200) List<AcmeChallengeSolver> solvers,
    Boolean disableAccountKeyGeneration,
    Boolean enableDurationFeature,
    String profile,
    RenewalInformationSource renewalInformationSource) {

  /** Where renewal times come from: the CA's ACME Renewal Information, or only the Certificate. */
  public enum RenewalInformationSource {
    @JsonProperty("ARI") ARI,
    @JsonProperty("None") NONE
  }
}
