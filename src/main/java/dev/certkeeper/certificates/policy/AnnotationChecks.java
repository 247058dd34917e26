package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.meta.IssuerReference;
import dev.certkeeper.certificates.Annotations;
import java.util.Map;
import java.util.Optional;

/** Whether the Secret was last written for this Certificate and its issuer, by its annotations. */
final class AnnotationChecks {
  private AnnotationChecks() {}

  /**
   * Only a Secret that names an issuer can name the wrong one. (cert-manager's Go condition, by
   * operator precedence, also fires for an unannotated Secret when the Certificate names a
   * ClusterIssuer or another group; certkeeper keeps the intended rule and adopts such a Secret.)
   */
  static Optional<Violation> secretIssuerAnnotationsMismatch(PolicyInput input) {
    Map<String, String> annotations = input.secret().annotations();
    if (!annotations.containsKey(Annotations.ISSUER_NAME)
        && !annotations.containsKey(Annotations.ISSUER_KIND)
        && !annotations.containsKey(Annotations.ISSUER_GROUP)) {
      return Optional.empty();
    }
    String name = annotations.getOrDefault(Annotations.ISSUER_NAME, "");
    String kind = orDefault(annotations.get(Annotations.ISSUER_KIND), IssuerReference.ISSUER);
    String group = orDefault(annotations.get(Annotations.ISSUER_GROUP), IssuerReference.GROUP);
    IssuerReference wanted = input.spec().issuerRef();
    if (name.equals(wanted.name()) && kind.equals(wanted.effectiveKind()) && group.equals(wanted.effectiveGroup())) {
      return Optional.empty();
    }
    return Optional.of(new Violation(
        Reasons.INCORRECT_ISSUER,
        "Issuing certificate as Secret was previously issued by " + GoText.quote(kind + "." + group + "/" + name)));
  }

  static Optional<Violation> secretCertificateNameAnnotationsMismatch(PolicyInput input) {
    String issuedFor = input.secret().annotations().get(Annotations.CERTIFICATE_NAME);
    if (issuedFor == null || issuedFor.equals(input.certificate().getMetadata().getName())) {
      return Optional.empty();
    }
    return Optional.of(new Violation(
        Reasons.INCORRECT_CERTIFICATE,
        "Secret was issued for " + GoText.quote(issuedFor)
            + ". If this message is not transient, you might have two conflicting Certificates pointing to the same secret."));
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
