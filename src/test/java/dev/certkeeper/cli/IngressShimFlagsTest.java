package dev.certkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.ingressshim.IngressShimOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The ingress-shim's flags of `certkeeper operator`, as cert-manager's controller takes them. */
class IngressShimFlagsTest {
  private static IngressShimOptions parse(String... args) {
    OperatorCommand command = new OperatorCommand();
    new CommandLine(command).parseArgs(args);
    return command.ingressShim.options();
  }

  @Test
  void withoutFlagsTheOptionsAreCertManagersDefaults() {
    assertThat(parse()).isEqualTo(IngressShimOptions.DEFAULTS);
  }

  @Test
  void theDefaultIssuerFlagsSetTheDefaultIssuer() {
    assertThat(parse("--default-issuer-name", "letsencrypt", "--default-issuer-kind", "ClusterIssuer", "--default-issuer-group", "example.com"))
        .isEqualTo(new IngressShimOptions("letsencrypt", "ClusterIssuer", "example.com", List.of("kubernetes.io/tls-acme"), List.of()));
  }

  @Test
  void annotationListsAreCommaSeparatedOrRepeated() {
    IngressShimOptions options =
        parse(
            "--auto-certificate-annotations", "kubernetes.io/tls-acme,example.com/tls",
            "--extra-certificate-annotations=example.com/team",
            "--extra-certificate-annotations=example.com/cost-centre");

    assertThat(options.autoCertificateAnnotations()).containsExactly("kubernetes.io/tls-acme", "example.com/tls");
    assertThat(options.extraCertificateAnnotations()).containsExactly("example.com/team", "example.com/cost-centre");
  }

  @Test
  void anEmptyListFlagListsNothing() {
    assertThat(parse("--auto-certificate-annotations=").autoCertificateAnnotations()).isEmpty();
  }
}
