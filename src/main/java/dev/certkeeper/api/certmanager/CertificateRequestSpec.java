package dev.certkeeper.api.certmanager;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.certkeeper.api.ApiType;
import dev.certkeeper.api.meta.IssuerReference;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * A request to sign one CSR. Immutable once created, as in cert-manager: a changed request is a
 * new CertificateRequest.
 */
@ApiType
@ValidationRule(
    value = "self == oldSelf",
    message = "the spec of a CertificateRequest cannot change after creation; create a new CertificateRequest instead")
public record CertificateRequestSpec(
    String duration,
    @Required IssuerReference issuerRef,
    @Required String request,
    @JsonProperty("isCA") Boolean isCA,
    List<KeyUsage> usages,
    String username,
    String uid,
    List<String> groups,
    Map<String, List<String>> extra) {

  /** Whether a CA certificate is requested; false by default. */
  public boolean effectiveIsCA() {
    return isCA != null && isCA;
  }
}
