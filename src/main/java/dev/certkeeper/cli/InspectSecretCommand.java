package dev.certkeeper.cli;

import dev.certkeeper.cli.report.SecretReport;
import dev.certkeeper.cli.report.SecretText;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code certkeeper inspect secret NAME}: the certificates and key of a TLS Secret, decoded. */
@Command(
    name = "secret",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Decode the certificates and key of a TLS Secret.",
      "%nEvery certificate of tls.crt (subject, issuer, serial, validity, names, key usages, whether it is a CA, "
          + "public key, signature algorithm, fingerprints), the tls.key private key and whether it belongs to the "
          + "leaf certificate, the ca.crt certificates, and the cert-manager.io annotations."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      "0:The Secret holds a readable certificate in tls.crt.",
      "1:Error: the Secret was not found, its tls.crt is missing or unreadable (what can be read is still printed), or the API server failed.",
      ExitCodes.USAGE
    })
final class InspectSecretCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin NamespaceOption namespace;

  @Mixin OutputOption output;

  @Parameters(paramLabel = "NAME", description = "The Secret's name.")
  String name;

  @Override
  public Integer call() {
    try (KubernetesClient client = cluster.client()) {
      String ns = namespace.resolve(client);
      Secret secret = client.secrets().inNamespace(ns).withName(name).get();
      if (secret == null) {
        throw new CliFailure("Secret " + name + " not found in namespace " + ns);
      }
      SecretReport report = SecretReport.of(secret);
      output.print(spec.commandLine().getOut(), report, () -> SecretText.render(report, Instant.now()));
      return report.hasCertificate() ? 0 : 1;
    }
  }
}
