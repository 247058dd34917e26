package dev.certkeeper.cli;

import dev.certkeeper.cli.report.CertificateChainReport;
import dev.certkeeper.cli.report.ChainText;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code certkeeper status certificate NAME}: the whole issuance chain of one Certificate on one screen. */
@Command(
    name = "certificate",
    aliases = {"cert", "certificates", "certs"},
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Show a Certificate and everything its issuance went through.",
      "%nLike `kubectl describe` across the chain: the Certificate's conditions; its issuer; the Secret and the "
          + "certificate in it (subject, issuer, names, validity, key, serial); the CertificateRequest of the next "
          + "revision while one is being issued, else of the current one; for ACME its Order and Challenges; and the "
          + "recent Events of each."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK, ExitCodes.ERROR, ExitCodes.USAGE})
final class CertificateStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin NamespaceOption namespace;

  @Mixin OutputOption output;

  @Parameters(paramLabel = "NAME", description = "The Certificate's name.")
  String name;

  @Override
  public Integer call() {
    try (KubernetesClient client = cluster.client()) {
      CertificateChainReport report = CertificateChainReport.of(new ChainReader(client).read(namespace.resolve(client), name));
      output.print(spec.commandLine().getOut(), report, () -> ChainText.render(report, Instant.now()));
      return 0;
    }
  }
}
