package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.GoDuration;
import dev.certkeeper.api.certmanager.CertificateRequestSpec;
import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.KeyUsage;
import dev.certkeeper.api.certmanager.OtherName;
import dev.certkeeper.api.certmanager.X509Subject;
import dev.certkeeper.api.meta.IssuerReference;
import dev.certkeeper.pki.AlternativeNames;
import dev.certkeeper.pki.DistinguishedNames;
import dev.certkeeper.pki.ParsedRequest;
import dev.certkeeper.pki.PkiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The Certificate spec fields a CertificateRequest no longer matches, as cert-manager's
 * RequestMatchesSpec: the names and subject its CSR asks for, compared strictly (the CSR is what
 * certkeeper asked for, so no issuer override excuses a difference), and the request's own fields.
 */
public final class RequestMismatches {
  private RequestMismatches() {}

  // The trigger uses this on the current request; the caller of IssuanceBackoff on the failed one,
  // because a spec change since the failure retries at once.
  /** Field paths on the Certificate, such as {@code spec.isCA}, in cert-manager's order; empty when all match. */
  public static List<String> of(CertificateRequestSpec request, ParsedRequest csr, CertificateSpec spec) {
    List<String> violations = new ArrayList<>(csrViolations(csr, spec));
    if (request.effectiveIsCA() != spec.effectiveIsCA()) {
      violations.add("spec.isCA");
    }
    // A CertificateRequest without usages gets the same default as a Certificate.
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

  private static List<String> csrViolations(ParsedRequest csr, CertificateSpec spec) {
    List<String> violations = new ArrayList<>();
    AlternativeNames requested = csr.alternativeNames();
    compare(violations, "spec.ipAddresses", requested.ipAddresses(), SpecChecks.wantedIpAddresses(spec));
    compare(violations, "spec.uris", requested.uris(), orEmpty(spec.uris()));
    compare(violations, "spec.emailAddresses", requested.emailAddresses(), orEmpty(spec.emailAddresses()));
    compare(violations, "spec.dnsNames", requested.dnsNames(), orEmpty(spec.dnsNames()));
    // An OID holds no "=", so "oid=value" names one otherName.
    compare(violations, "spec.otherNames", otherNames(requested.otherNames()), otherNames(spec.otherNames()));
    if (!spec.hasLiteralSubject()) {
      violations.addAll(subjectViolations(csr.subject(), spec));
    } else if (!sameLiteralSubject(csr.subject(), spec.literalSubject())) {
      violations.add("spec.literalSubject");
    }
    return violations;
  }

  private static List<String> subjectViolations(X500Name requested, CertificateSpec spec) {
    X509Subject subject = spec.effectiveSubject();
    List<String> violations = new ArrayList<>();
    if (!DistinguishedNames.commonName(requested).equals(Objects.requireNonNullElse(spec.commonName(), ""))) {
      violations.add("spec.commonName");
    }
    if (!DistinguishedNames.serialNumber(requested).equals(Objects.requireNonNullElse(subject.serialNumber(), ""))) {
      violations.add("spec.subject.serialNumber");
    }
    compare(violations, "spec.subject.organizations", values(requested, BCStyle.O), orEmpty(subject.organizations()));
    compare(violations, "spec.subject.countries", values(requested, BCStyle.C), orEmpty(subject.countries()));
    compare(violations, "spec.subject.localities", values(requested, BCStyle.L), orEmpty(subject.localities()));
    compare(violations, "spec.subject.organizationalUnits", values(requested, BCStyle.OU), orEmpty(subject.organizationalUnits()));
    compare(violations, "spec.subject.postalCodes", values(requested, BCStyle.POSTAL_CODE), orEmpty(subject.postalCodes()));
    compare(violations, "spec.subject.provinces", values(requested, BCStyle.ST), orEmpty(subject.provinces()));
    compare(violations, "spec.subject.streetAddresses", values(requested, BCStyle.STREET), orEmpty(subject.streetAddresses()));
    return violations;
  }

  /** A literal subject that cannot be read matches no request: no request can have been built from it. */
  private static boolean sameLiteralSubject(X500Name requested, String literalSubject) {
    try {
      return DistinguishedNames.sameSequence(requested, DistinguishedNames.fromLiteral(literalSubject));
    } catch (PkiException e) {
      return false;
    }
  }

  private static List<String> values(X500Name name, ASN1ObjectIdentifier type) {
    return DistinguishedNames.values(name, type);
  }

  private static List<String> otherNames(List<OtherName> otherNames) {
    return orEmpty(otherNames).stream().map(other -> other.oid() + "=" + other.utf8Value()).toList();
  }

  /** Adds the field when the lists differ as multisets, as cert-manager's EqualUnsorted. */
  private static void compare(List<String> violations, String field, List<String> requested, List<String> wanted) {
    if (!SpecChecks.sameUnsorted(requested, wanted)) {
      violations.add(field);
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static boolean sameIssuer(IssuerReference a, IssuerReference b) {
    return a.name().equals(b.name()) && a.effectiveKind().equals(b.effectiveKind()) && a.effectiveGroup().equals(b.effectiveGroup());
  }
}
