package dev.certkeeper.ingressshim;

import dev.certkeeper.api.certmanager.Certificate;
import java.util.List;

/**
 * What an Ingress asks for: its Certificates and the warnings that do not stop them (TLS entries
 * skipped for being incomplete, as cert-manager skips them, and annotation values read as
 * cert-manager reads them, each with what to fix); or, when the Ingress as a whole is wrong (its
 * annotations, two entries sharing a Secret), only the problems, so nothing is written for it.
 */
public record DesiredCertificates(List<Certificate> certificates, List<String> warnings, List<String> problems) {
  public DesiredCertificates {
    certificates = List.copyOf(certificates);
    warnings = List.copyOf(warnings);
    problems = List.copyOf(problems);
    if (!problems.isEmpty() && !certificates.isEmpty()) {
      throw new IllegalArgumentException("a bad Ingress asks for no Certificates");
    }
  }

  static DesiredCertificates of(List<Certificate> certificates, List<String> warnings) {
    return new DesiredCertificates(certificates, warnings, List.of());
  }

  static DesiredCertificates bad(List<String> warnings, List<String> problems) {
    return new DesiredCertificates(List.of(), warnings, problems);
  }

  /** Whether the Ingress has problems, and so asks for nothing. */
  public boolean isBad() {
    return !problems.isEmpty();
  }
}
