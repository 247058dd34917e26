package dev.certkeeper.ingressshim;

import dev.certkeeper.api.certmanager.Certificate;
import java.util.List;

/**
 * What an Ingress asks for: its Certificates, or, when anything about it is wrong, only the
 * problems, each naming what to fix. A bad Ingress asks for nothing, so nothing is written for it.
 */
public record DesiredCertificates(List<Certificate> certificates, List<String> problems) {
  public DesiredCertificates {
    certificates = List.copyOf(certificates);
    problems = List.copyOf(problems);
    if (!certificates.isEmpty() && !problems.isEmpty()) {
      throw new IllegalArgumentException("a bad Ingress asks for no Certificates");
    }
  }

  static DesiredCertificates of(List<Certificate> certificates) {
    return new DesiredCertificates(certificates, List.of());
  }

  static DesiredCertificates bad(List<String> problems) {
    return new DesiredCertificates(List.of(), problems);
  }

  /** Whether the Ingress has problems, and so asks for nothing. */
  public boolean isBad() {
    return !problems.isEmpty();
  }
}
