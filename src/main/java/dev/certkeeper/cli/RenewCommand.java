package dev.certkeeper.cli;

import dev.certkeeper.api.certmanager.Certificate;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code certkeeper renew}: asks for Certificates to be re-issued now, as {@code cmctl renew} does. */
@Command(
    name = "renew",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Re-issue Certificates now, as `cmctl renew` does.",
      "%nSets each Certificate's Issuing condition True with reason ManuallyTriggered; the operator then issues a new "
          + "revision. A Certificate that is already being issued is left alone: an error when named, skipped and reported when selected. Give NAMEs, or --all "
          + "(narrowed by -l, in every namespace with -A), or -l alone."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK,
      "1:Error: a named Certificate was not found or was already being issued (the others are still renewed), or the API server failed; a selected Certificate already being issued is skipped, not an error.",
      ExitCodes.USAGE
    })
final class RenewCommand implements Callable<Integer> {
  /** Tries when the Certificate changes between reading and writing its status. */
  private static final int ATTEMPTS = 3;

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin NamespaceOption namespace;

  @Parameters(paramLabel = "NAME", arity = "0..*", description = "Names of Certificates to renew.")
  List<String> names = new ArrayList<>();

  @Option(names = "--all", description = "Renew every Certificate of the namespace (or of all with -A).")
  boolean all;

  @Option(names = {"-A", "--all-namespaces"}, description = "With --all or -l: look in every namespace.")
  boolean allNamespaces;

  @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Renew the Certificates with these labels, such as app=web.")
  String selector;

  @Override
  public Integer call() {
    boolean selecting = all || selector != null;
    if (names.isEmpty() == !selecting) {
      throw new ParameterException(spec.commandLine(), names.isEmpty()
          ? "give the names of Certificates to renew, or --all (or -l SELECTOR)"
          : "give either Certificate names or --all/-l, not both");
    }
    if (allNamespaces && !selecting) {
      throw new ParameterException(spec.commandLine(), "-A/--all-namespaces goes with --all or -l");
    }
    try (KubernetesClient client = cluster.client()) {
      MixedOperation<Certificate, KubernetesResourceList<Certificate>, Resource<Certificate>> certificates = client.resources(Certificate.class);
      String ns = namespace.resolve(client);
      boolean ok = true;
      if (selecting) {
        List<Certificate> found = (allNamespaces ? certificates.inAnyNamespace().withLabelSelector(selector) : certificates.inNamespace(ns).withLabelSelector(selector))
            .list().getItems();
        if (found.isEmpty()) {
          spec.commandLine().getErr().println("No Certificates found" + (allNamespaces ? "" : " in namespace " + ns) + (selector == null ? "" : " with labels " + selector));
        }
        for (Certificate certificate : found) {
          // As cmctl, a selection is not failed by a Certificate that is being issued anyway.
          Optional<String> skipped = ManualTrigger.skipped(certificate);
          if (skipped.isPresent()) {
            spec.commandLine().getOut().println(skipped.get());
          } else {
            ok &= renew(certificates, certificate);
          }
        }
      } else {
        for (String name : names) {
          Certificate certificate = certificates.inNamespace(ns).withName(name).get();
          if (certificate == null) {
            spec.commandLine().getErr().println("error: Certificate " + name + " not found in namespace " + ns);
            ok = false;
          } else {
            ok &= renew(certificates, certificate);
          }
        }
      }
      return ok ? 0 : 1;
    }
  }

  /** Triggers one Certificate; false (with the reason on stderr) when it is refused. */
  private boolean renew(MixedOperation<Certificate, KubernetesResourceList<Certificate>, Resource<Certificate>> certificates, Certificate read) {
    PrintWriter err = spec.commandLine().getErr();
    String ns = read.getMetadata().getNamespace();
    String name = read.getMetadata().getName();
    Certificate certificate = read;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<String> refusal = ManualTrigger.refusal(certificate);
      if (refusal.isPresent()) {
        err.println("error: " + refusal.get());
        return false;
      }
      certificate.setStatus(ManualTrigger.triggered(certificate, Instant.now()));
      try {
        certificates.inNamespace(ns).resource(certificate).updateStatus();
        spec.commandLine().getOut().println("Manually triggered issuance of Certificate " + ns + "/" + name);
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        certificate = certificates.inNamespace(ns).withName(name).get();
        if (certificate == null) {
          err.println("error: Certificate " + name + " was deleted from namespace " + ns + " while renewing it");
          return false;
        }
      }
    }
    err.println("error: Certificate " + ns + "/" + name + " kept changing while renewing it; run the command again");
    return false;
  }
}
