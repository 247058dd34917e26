package dev.certkeeper.cli;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** kubectl's flags for choosing the cluster: {@code --kubeconfig} and {@code --context}. */
final class ClusterOptions {
  /** A command run by hand should fail fast, not retry for a minute. */
  private static final int TIMEOUT_MILLIS = 10_000;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context to use (default: its current context).")
  String context;

  /** The client configuration these flags select. */
  Config config() {
    Config config;
    try {
      if (kubeconfig != null) {
        if (!Files.isReadable(kubeconfig)) {
          throw new CliFailure("cannot read the kubeconfig file " + kubeconfig);
        }
        config = Config.fromKubeconfig(context, kubeconfig.toFile());
      } else {
        config = Config.autoConfigure(context);
      }
    } catch (KubernetesClientException | IllegalArgumentException e) {
      throw new CliFailure("cannot use the kubeconfig" + (context == null ? "" : " context " + context) + ": " + e.getMessage());
    }
    if (context != null && (config.getCurrentContext() == null || !context.equals(config.getCurrentContext().getName()))) {
      // The client falls back to the current context; kubectl refuses, and so do we.
      throw new CliFailure("context " + context + " not found in the kubeconfig; its contexts: "
          + config.getContexts().stream().map(NamedContext::getName).sorted().collect(Collectors.joining(", ")));
    }
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(TIMEOUT_MILLIS);
    config.setRequestTimeout(TIMEOUT_MILLIS);
    return config;
  }

  /** A client for the selected cluster; the caller closes it. */
  KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(config()).build();
  }
}
