package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.certmanager.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The trigger and readiness chains over the same checks, as cert-manager's policies.go. */
public final class Policies {
  /** The checks that say whether the Secret still holds a good certificate for the spec. */
  private static final List<PolicyCheck> SECRET_SATISFIES_SPEC =
      List.of(
          SecretChecks::secretDoesNotExist,
          SecretChecks::secretIsMissingData,
          SecretChecks::secretPublicKeysDiffer,
          AnnotationChecks::secretIssuerAnnotationsMismatch,
          AnnotationChecks::secretCertificateNameAnnotationsMismatch,
          KeyChecks::secretPrivateKeyMismatchesSpec,
          KeyChecks::secretPublicKeyDiffersFromCurrentCertificateRequest,
          SpecChecks::currentCertificateRequestMismatchesSpec,
          SpecChecks::secretCertificateMismatchesSpec);

  /**
   * A violation means a new certificate must be issued; its reason and message go on Issuing=True.
   * A manual trigger comes first so that its reason is the one reported.
   */
  public static final PolicyChain TRIGGER =
      new PolicyChain(
          "trigger",
          concat(
              List.of(ManualTriggerChecks::manuallyTriggered),
              SECRET_SATISFIES_SPEC,
              List.of(ExpiryChecks::currentCertificateNearingExpiry)));

  /** A violation means Ready=False with its reason and message; no violation means Ready=True. */
  public static final PolicyChain READINESS =
      new PolicyChain(
          "readiness", concat(List.of(), SECRET_SATISFIES_SPEC, List.of(ExpiryChecks::currentCertificateHasExpired)));

  private Policies() {}

  /** Whether the Secret's issuer annotations name the Certificate's issuer, or name none. */
  public static boolean secretFromCurrentIssuer(Certificate certificate, SecretState secret, Instant now) {
    return AnnotationChecks.secretIssuerAnnotationsMismatch(new PolicyInput(certificate, secret, null, now)).isEmpty();
  }

  @SafeVarargs
  private static List<PolicyCheck> concat(List<PolicyCheck>... parts) {
    List<PolicyCheck> all = new ArrayList<>();
    for (List<PolicyCheck> part : parts) {
      all.addAll(part);
    }
    return all;
  }
}
