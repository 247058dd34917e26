package dev.certkeeper.ingressshim;

import dev.certkeeper.api.meta.IssuerReference;
import java.util.List;

/**
 * The ingress-shim's settings, from the operator's flags of the same names as cert-manager's.
 *
 * @param defaultIssuerName issuer for Ingresses triggered by an auto-certificate annotation ({@code --default-issuer-name})
 * @param defaultIssuerKind its kind ({@code --default-issuer-kind})
 * @param defaultIssuerGroup its group, also the group of issuers named by annotation ({@code --default-issuer-group})
 * @param autoCertificateAnnotations annotations that, set to a true value, ask for the default issuer
 *     ({@code --auto-certificate-annotations})
 * @param extraCertificateAnnotations Ingress annotations copied onto its Certificates ({@code --extra-certificate-annotations})
 */
public record IngressShimOptions(
    String defaultIssuerName,
    String defaultIssuerKind,
    String defaultIssuerGroup,
    List<String> autoCertificateAnnotations,
    List<String> extraCertificateAnnotations) {

  /** cert-manager's defaults: no default issuer, {@code kubernetes.io/tls-acme} as the auto-certificate annotation. */
  public static final IngressShimOptions DEFAULTS =
      new IngressShimOptions("", IssuerReference.ISSUER, IssuerReference.GROUP, List.of(IngressAnnotations.TLS_ACME), List.of());

  public IngressShimOptions {
    autoCertificateAnnotations = List.copyOf(autoCertificateAnnotations);
    extraCertificateAnnotations = List.copyOf(extraCertificateAnnotations);
  }
}
