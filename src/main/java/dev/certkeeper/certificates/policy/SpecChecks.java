package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.X509Subject;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

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
    if (input.currentRequest() == null) {
      return Optional.empty();
    }
    List<String> violations = RequestMismatches.of(input.currentRequest().request().getSpec(), input.spec());
    return violations.isEmpty()
        ? Optional.empty()
        : Optional.of(new Violation(
            Reasons.REQUEST_CHANGED, "Fields on existing CertificateRequest resource not up to date: " + GoText.list(violations)));
  }

  static Optional<Violation> secretCertificateMismatchesSpec(PolicyInput input) {
    return SecretChecks.unreadable(input).or(() -> {
      X509Certificate certificate = input.secret().certificate();
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
  private static List<String> nameViolations(X509Certificate certificate, CertificateSpec spec) {
    List<String> violations = new ArrayList<>();
    Optional<String> wantedCommonName = wantedCommonName(spec);
    if (wantedCommonName.isEmpty()) {
      violations.add("spec.literalSubject");
    }
    String specCommonName = wantedCommonName.orElse("");
    String certCommonName = X509Facts.commonName(X509Facts.subject(certificate));
    List<String> specDnsNames = orEmpty(spec.dnsNames());
    List<String> certDnsNames = X509Facts.dnsNames(certificate);
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
    if (!sameUnsorted(X509Facts.ipAddresses(certificate), orEmpty(spec.ipAddresses()), X509Facts::normalizeIpAddress)) {
      violations.add("spec.ipAddresses");
    }
    if (!sameUnsorted(X509Facts.uris(certificate), orEmpty(spec.uris()), Function.identity())) {
      violations.add("spec.uris");
    }
    if (!sameUnsorted(X509Facts.emailAddresses(certificate), orEmpty(spec.emailAddresses()), Function.identity())) {
      violations.add("spec.emailAddresses");
    }
    return violations;
  }

  private static List<String> grantedFieldViolations(X509Certificate certificate, CertificateSpec spec) {
    List<String> violations = new ArrayList<>();
    X500Name issuedSubject = X509Facts.subject(certificate);
    if (hasLiteralSubject(spec)) {
      X509Facts.parseDistinguishedName(spec.literalSubject())
          .filter(literal -> !sameUnsorted(X509Facts.attributes(literal), X509Facts.attributes(issuedSubject), Function.identity()))
          .ifPresent(literal -> violations.add("spec.literalSubject"));
    } else {
      violations.addAll(subjectViolations(issuedSubject, spec.subject()));
    }
    if (X509Facts.isCA(certificate) != spec.effectiveIsCA()) {
      violations.add("spec.isCA");
    }
    if (!X509Facts.keyUsageBits(certificate).equals(X509Facts.keyUsageBits(spec.effectiveUsages(), spec.effectiveIsCA()))
        || !X509Facts.extendedKeyUsages(certificate).equals(X509Facts.extendedKeyUsages(spec.effectiveUsages()))) {
      violations.add("spec.usages");
    }
    return violations;
  }

  private static List<String> subjectViolations(X500Name issued, X509Subject wanted) {
    X509Subject subject = wanted == null ? new X509Subject(null, null, null, null, null, null, null, null) : wanted;
    List<String> violations = new ArrayList<>();
    compareSubjectField(violations, "organizations", issued, BCStyle.O, subject.organizations());
    compareSubjectField(violations, "countries", issued, BCStyle.C, subject.countries());
    compareSubjectField(violations, "organizationalUnits", issued, BCStyle.OU, subject.organizationalUnits());
    compareSubjectField(violations, "localities", issued, BCStyle.L, subject.localities());
    compareSubjectField(violations, "provinces", issued, BCStyle.ST, subject.provinces());
    compareSubjectField(violations, "streetAddresses", issued, BCStyle.STREET, subject.streetAddresses());
    compareSubjectField(violations, "postalCodes", issued, BCStyle.POSTAL_CODE, subject.postalCodes());
    List<String> serialNumbers = X509Facts.attributeValues(issued, BCStyle.SERIALNUMBER);
    String issuedSerial = serialNumbers.isEmpty() ? "" : serialNumbers.get(serialNumbers.size() - 1);
    if (!issuedSerial.equals(subject.serialNumber() == null ? "" : subject.serialNumber())) {
      violations.add("spec.subject.serialNumber");
    }
    return violations;
  }

  private static void compareSubjectField(
      List<String> violations, String field, X500Name issued, ASN1ObjectIdentifier type, List<String> wanted) {
    if (!sameUnsorted(X509Facts.attributeValues(issued, type), orEmpty(wanted), Function.identity())) {
      violations.add("spec.subject." + field);
    }
  }

  /** The common name the spec asks for, "" for none; empty when the literal subject cannot be read. */
  private static Optional<String> wantedCommonName(CertificateSpec spec) {
    if (!hasLiteralSubject(spec)) {
      return Optional.of(spec.commonName() == null ? "" : spec.commonName());
    }
    return X509Facts.parseDistinguishedName(spec.literalSubject()).map(X509Facts::commonName);
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

  /** Equal as multisets after normalising each element, as cert-manager's EqualUnsorted. */
  private static boolean sameUnsorted(List<String> a, List<String> b, Function<String, String> normalise) {
    return a.size() == b.size()
        && a.stream().map(normalise).sorted().toList().equals(b.stream().map(normalise).sorted().toList());
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
