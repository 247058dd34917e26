package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.GoDuration;
import dev.certkeeper.api.certmanager.CertificateRequestSpec;
import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.KeyUsage;
import dev.certkeeper.api.meta.IssuerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The Certificate spec fields a CertificateRequest's own fields no longer match (its CSR is not read). */
public final class RequestMismatches {
  // A CertificateRequest without usages gets the same default as a Certificate.

  private RequestMismatches() {}

  // The trigger uses this on the current request; the caller of IssuanceBackoff on the failed one,
  // because a spec change since the failure retries at once.
  /** Field paths on the Certificate, such as {@code spec.isCA}, in cert-manager's order; empty when all match. */
  public static List<String> of(CertificateRequestSpec request, CertificateSpec spec) {
    List<String> violations = new ArrayList<>();
    if (request.effectiveIsCA() != spec.effectiveIsCA()) {
      violations.add("spec.isCA");
    }
    List<KeyUsage> requested = request.usages() == null || request.usages().isEmpty() ? KeyUsage.DEFAULTS : request.usages();
    if (!Set.copyOf(requested).equals(Set.copyOf(spec.effectiveUsages()))) {
      violations.add("spec.usages");
    }
    // As cert-manager: only a duration set on both sides can differ, so adding an explicit default
    // (or removing one) does not re-issue.
    if (request.duration() != null
        && spec.duration() != null
        && !GoDuration.parse(request.duration()).equals(GoDuration.parse(spec.duration()))) {
      violations.add("spec.duration");
    }
    if (!sameIssuer(request.issuerRef(), spec.issuerRef())) {
      violations.add("spec.issuerRef");
    }
    return violations;
  }

  private static boolean sameIssuer(IssuerReference a, IssuerReference b) {
    return a.name().equals(b.name()) && a.effectiveKind().equals(b.effectiveKind()) && a.effectiveGroup().equals(b.effectiveGroup());
  }
}
