package dev.certkeeper.cli;

import dev.certkeeper.ingressshim.IngressShimOptions;
import java.util.List;
import picocli.CommandLine.Option;

/** The ingress-shim's flags of {@code certkeeper operator}, named and defaulted as cert-manager's controller flags. */
final class IngressShimFlags {
  @Option(
      names = "--default-issuer-name",
      description = "Issuer for Ingresses with an auto-certificate annotation such as kubernetes.io/tls-acme: \"true\" (default: none).",
      defaultValue = "")
  String defaultIssuerName;

  @Option(names = "--default-issuer-kind", description = "Kind of the default issuer (default: ${DEFAULT-VALUE}).", defaultValue = "Issuer")
  String defaultIssuerKind;

  @Option(
      names = "--default-issuer-group",
      description = "API group of the default issuer and of issuers named by Ingress annotations (default: ${DEFAULT-VALUE}).",
      defaultValue = "cert-manager.io")
  String defaultIssuerGroup;

  @Option(
      names = "--auto-certificate-annotations",
      split = ",",
      description = "Ingress annotations that, set to true, ask for a Certificate from the default issuer (default: ${DEFAULT-VALUE}).",
      defaultValue = "kubernetes.io/tls-acme")
  List<String> autoCertificateAnnotations;

  @Option(
      names = "--extra-certificate-annotations",
      split = ",",
      description = "Ingress annotations copied onto the Certificates made for it (default: none).")
  List<String> extraCertificateAnnotations;

  IngressShimOptions options() {
    return new IngressShimOptions(
        defaultIssuerName, defaultIssuerKind, defaultIssuerGroup, keys(autoCertificateAnnotations), keys(extraCertificateAnnotations));
  }

  /** The annotation keys of a list flag; an empty value ({@code --extra-certificate-annotations=}) lists none, as in cert-manager. */
  private static List<String> keys(List<String> values) {
    return values == null ? List.of() : values.stream().map(String::strip).filter(key -> !key.isEmpty()).toList();
  }
}
