package dev.certkeeper.issuers;

import dev.certkeeper.api.certmanager.IssuerSpec;
import dev.certkeeper.api.meta.ConditionStatus;
import java.util.function.Supplier;

/**
 * The Ready condition of an Issuer or ClusterIssuer, from its spec and, for a CA issuer, the state
 * of its key pair Secret. Reasons are cert-manager's.
 */
public record IssuerReadiness(ConditionStatus status, String reason, String message) {
  static final String UNSUPPORTED = "Unsupported";

  /** Decides readiness; the CA key pair is only read for a CA issuer. */
  public static IssuerReadiness of(IssuerSpec spec, Supplier<CaKeyPair> caKeyPair) {
    if (spec.selfSigned() != null) {
      return new IssuerReadiness(ConditionStatus.TRUE, "IsReady", "");
    }
    if (spec.ca() != null) {
      CaKeyPair pair = caKeyPair.get();
      return pair.problem()
          .map(problem -> new IssuerReadiness(ConditionStatus.FALSE, pair.reason(), problem))
          .orElse(new IssuerReadiness(ConditionStatus.TRUE, "KeyPairVerified", "Signing CA verified"));
    }
    String type = spec.vault() != null ? "Vault" : spec.venafi() != null ? "Venafi" : "unknown";
    return new IssuerReadiness(
        ConditionStatus.FALSE, UNSUPPORTED, type + " issuers are not supported by this version of certkeeper yet; the issuer is kept as written");
  }
}
