package dev.certkeeper.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Option;

/** kubectl's {@code -n/--namespace}: the flag, else the kubeconfig context's namespace, else default. */
final class NamespaceOption {
  @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "The namespace (default: the context's namespace, else default).")
  String namespace;

  /** The namespace to work in. */
  String resolve(KubernetesClient client) {
    if (namespace != null) {
      return namespace;
    }
    return client.getNamespace() == null ? "default" : client.getNamespace();
  }
}
