package dev.certkeeper.api.meta;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Names the issuer that signs a request. Kind and group are defaulted in-process, not by the API
 * server, exactly as cert-manager does, so stored objects keep what the user wrote.
 */
@ApiType
@ValidationRule(value = "self.name != ''", message = "issuerRef.name must name an Issuer or ClusterIssuer")
@ValidationRule(
    value =
        "(has(self.group) && self.group != '' && self.group != 'cert-manager.io') || !has(self.kind) || self.kind in ['', 'Issuer', 'ClusterIssuer']",
    message =
        "issuerRef.kind must be Issuer or ClusterIssuer for group cert-manager.io; for an external issuer, did you forget to set issuerRef.group?")
public record IssuerReference(@Required String name, String kind, String group) {
  public static final String GROUP = "cert-manager.io";
  public static final String ISSUER = "Issuer";
  public static final String CLUSTER_ISSUER = "ClusterIssuer";

  /** The kind, defaulted to Issuer. */
  public String effectiveKind() {
    return kind == null || kind.isEmpty() ? ISSUER : kind;
  }

  /** The group, defaulted to cert-manager.io. */
  public String effectiveGroup() {
    return group == null || group.isEmpty() ? GROUP : group;
  }

  /** True for an issuer of another group, signed by an external controller rather than certkeeper. */
  public boolean external() {
    return !GROUP.equals(effectiveGroup());
  }
}
