package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.pki.CertificateInfo;
import dev.certkeeper.pki.DistinguishedNames;
import dev.certkeeper.pki.IpAddresses;
import dev.certkeeper.pki.PkiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Whether what was issued still matches the spec. The current CertificateRequest's CSR records
 * what certkeeper asked for and is compared strictly; without one, the certificate records what
 * the issuer granted, and issuers override much of it (an ACME CA drops subject fields and sets its
 * own usages), so only its names are compared with the spec, loosely, as cert-manager's
 * FuzzyX509AltNamesMatchSpec. Otherwise an ACME certificate would never match without a request.
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

  /**
   * Only without a current request, as cert-manager's fallback: with one, its CSR says what was
   * asked, and an issuer that grants other names than asked (a self-signed certificate for an IP
   * address gets it as its common name) would otherwise be asked again at every pass.
   */
  static Optional<Violation> secretCertificateMismatchesSpec(PolicyInput input) {
    return SecretChecks.unreadable(input).or(() -> {
      if (input.currentRequest() != null) {
        return Optional.empty();
      }
      CertificateInfo certificate = CertificateInfo.of(input.secret().certificate());
      List<String> violations = nameViolations(certificate, input.spec());
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
    if (!sameUnsorted(certificate.ipAddresses(), wantedIpAddresses(spec))) {
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

  /** The common name the spec asks for, "" for none; empty when the literal subject cannot be read. */
  private static Optional<String> wantedCommonName(CertificateSpec spec) {
    if (!spec.hasLiteralSubject()) {
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

  /**
   * The IP addresses the spec asks for, in the form certificates and CSRs are read in. Text that
   * is no IP address is compared as it is: a mismatch to report, not a check that fails.
   */
  static List<String> wantedIpAddresses(CertificateSpec spec) {
    return orEmpty(spec.ipAddresses()).stream().map(ip -> IpAddresses.isValid(ip) ? IpAddresses.normalise(ip) : ip).toList();
  }

  private static Set<String> withCommonName(List<String> dnsNames, String commonName) {
    Set<String> names = new HashSet<>(dnsNames);
    if (!commonName.isEmpty()) {
      names.add(commonName);
    }
    return names;
  }

  /** Equal as multisets, as cert-manager's EqualUnsorted. */
  static boolean sameUnsorted(List<String> a, List<String> b) {
    return a.size() == b.size() && a.stream().sorted().toList().equals(b.stream().sorted().toList());
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
