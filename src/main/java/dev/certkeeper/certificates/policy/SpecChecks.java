package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.X509Subject;
import dev.certkeeper.pki.CertificateInfo;
import dev.certkeeper.pki.DistinguishedNames;
import dev.certkeeper.pki.IpAddresses;
import dev.certkeeper.pki.KeyUsages;
import dev.certkeeper.pki.PkiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Whether what was issued still matches the spec. The current CertificateRequest records what
 * certkeeper asked for; the certificate records what the issuer granted, and issuers override some
 * of it (an ACME CA drops subject fields and sets its own usages). So names are compared with the
 * certificate always, while subject, isCA and usages are compared with the certificate only when
 * there is no current request to compare them with; otherwise an ACME certificate would never
 * match and would be re-issued on every pass.
 */
final class SpecChecks {
  private SpecChecks() {}

  static Optional<Violation> currentCertificateRequestMismatchesSpec(PolicyInput input) {
    RequestState current = input.currentRequest();
    // As cert-manager, a CSR that cannot be read triggers nothing here: the certificate may still fit.
    if (current == null || current.csr() == null) {
      return Optional.empty();
    }
    List<String> violations = RequestMismatches.of(current.request().getSpec(), current.csr(), input.spec());
    return violations.isEmpty()
        ? Optional.empty()
        : Optional.of(new Violation(
            Reasons.REQUEST_CHANGED, "Fields on existing CertificateRequest resource not up to date: " + GoText.list(violations)));
  }

  static Optional<Violation> secretCertificateMismatchesSpec(PolicyInput input) {
    return SecretChecks.unreadable(input).or(() -> {
      CertificateInfo certificate = CertificateInfo.of(input.secret().certificate());
      List<String> violations = new ArrayList<>(nameViolations(certificate, input.spec()));
      if (input.currentRequest() == null) {
        violations.addAll(grantedFieldViolations(certificate, input.spec()));
      }
      return violations.isEmpty()
          ? Optional.empty()
          : Optional.of(new Violation(
              Reasons.SECRET_MISMATCH,
              "Issuing certificate as Existing issued Secret is not up to date for spec: " + GoText.list(violations)));
    });
  }

  /**
   * cert-manager's loose name comparison: a name may move between the common name and the DNS
   * names, because some CAs promote a DNS name to the common name or the other way round.
   */
  private static List<String> nameViolations(CertificateInfo certificate, CertificateSpec spec) {
    List<String> violations = new ArrayList<>();
    Optional<String> wantedCommonName = wantedCommonName(spec);
    if (wantedCommonName.isEmpty()) {
      violations.add("spec.literalSubject");
    }
    String specCommonName = wantedCommonName.orElse("");
    String certCommonName = certificate.commonName();
    List<String> specDnsNames = orEmpty(spec.dnsNames());
    List<String> certDnsNames = certificate.dnsNames();
    Set<String> wanted = withCommonName(specDnsNames, specCommonName);
    Set<String> issued = withCommonName(certDnsNames, certCommonName);
    if (!issued.equals(wanted)) {
      if ((!specCommonName.isEmpty() && !issued.contains(specCommonName))
          || (!certCommonName.isEmpty() && !wanted.contains(certCommonName))) {
        violations.add("spec.commonName");
      }
      if (!issued.containsAll(specDnsNames) || !wanted.containsAll(certDnsNames)) {
        violations.add("spec.dnsNames");
      }
    }
    // Text that is no IP address is compared as it is: a mismatch to report, not a check that fails.
    List<String> specIpAddresses =
        orEmpty(spec.ipAddresses()).stream().map(ip -> IpAddresses.isValid(ip) ? IpAddresses.normalise(ip) : ip).toList();
    if (!sameUnsorted(certificate.ipAddresses(), specIpAddresses)) {
      violations.add("spec.ipAddresses");
    }
    if (!sameUnsorted(certificate.uris(), orEmpty(spec.uris()))) {
      violations.add("spec.uris");
    }
    if (!sameUnsorted(certificate.emailAddresses(), orEmpty(spec.emailAddresses()))) {
      violations.add("spec.emailAddresses");
    }
    return violations;
  }

  private static List<String> grantedFieldViolations(CertificateInfo certificate, CertificateSpec spec) {
    List<String> violations = new ArrayList<>();
    if (hasLiteralSubject(spec)) {
      literalSubject(spec)
          .filter(literal -> !sameAttributes(literal, certificate.subject()))
          .ifPresent(literal -> violations.add("spec.literalSubject"));
    } else {
      violations.addAll(subjectViolations(certificate, spec.subject()));
    }
    if (certificate.isCA() != spec.effectiveIsCA()) {
      violations.add("spec.isCA");
    }
    if (!certificate.usages().equals(KeyUsages.canonical(spec.effectiveUsages(), spec.effectiveIsCA()))) {
      violations.add("spec.usages");
    }
    return violations;
  }

  private static List<String> subjectViolations(CertificateInfo issued, X509Subject wanted) {
    X509Subject subject = wanted == null ? new X509Subject(null, null, null, null, null, null, null, null) : wanted;
    List<String> violations = new ArrayList<>();
    compareSubjectField(violations, "organizations", issued.organizations(), subject.organizations());
    compareSubjectField(violations, "countries", issued.countries(), subject.countries());
    compareSubjectField(violations, "organizationalUnits", issued.organizationalUnits(), subject.organizationalUnits());
    compareSubjectField(violations, "localities", issued.localities(), subject.localities());
    compareSubjectField(violations, "provinces", issued.provinces(), subject.provinces());
    compareSubjectField(violations, "streetAddresses", issued.streetAddresses(), subject.streetAddresses());
    compareSubjectField(violations, "postalCodes", issued.postalCodes(), subject.postalCodes());
    if (!issued.serialNumber().equals(subject.serialNumber() == null ? "" : subject.serialNumber())) {
      violations.add("spec.subject.serialNumber");
    }
    return violations;
  }

  private static void compareSubjectField(List<String> violations, String field, List<String> issued, List<String> wanted) {
    if (!sameUnsorted(issued, orEmpty(wanted))) {
      violations.add("spec.subject." + field);
    }
  }

  /** The common name the spec asks for, "" for none; empty when the literal subject cannot be read. */
  private static Optional<String> wantedCommonName(CertificateSpec spec) {
    if (!hasLiteralSubject(spec)) {
      return Optional.of(spec.commonName() == null ? "" : spec.commonName());
    }
    return literalSubject(spec).map(DistinguishedNames::commonName);
  }

  /** The literal subject as it is issued; empty when it cannot be read. */
  private static Optional<X500Name> literalSubject(CertificateSpec spec) {
    try {
      return Optional.of(DistinguishedNames.fromLiteral(spec.literalSubject()));
    } catch (PkiException e) {
      return Optional.empty();
    }
  }

  private static boolean hasLiteralSubject(CertificateSpec spec) {
    return spec.literalSubject() != null && !spec.literalSubject().isEmpty();
  }

  private static Set<String> withCommonName(List<String> dnsNames, String commonName) {
    Set<String> names = new HashSet<>(dnsNames);
    if (!commonName.isEmpty()) {
      names.add(commonName);
    }
    return names;
  }

  /** The same values for every attribute type, whatever the RDN order, grouping or string types. */
  private static boolean sameAttributes(X500Name a, X500Name b) {
    return Stream.concat(Arrays.stream(a.getAttributeTypes()), Arrays.stream(b.getAttributeTypes()))
        .allMatch(type -> sameUnsorted(DistinguishedNames.values(a, type), DistinguishedNames.values(b, type)));
  }

  /** Equal as multisets, as cert-manager's EqualUnsorted. */
  private static boolean sameUnsorted(List<String> a, List<String> b) {
    return a.size() == b.size() && a.stream().sorted().toList().equals(b.stream().sorted().toList());
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
