package dev.certkeeper.cli;

import dev.certkeeper.operator.Controllers;
import dev.certkeeper.operator.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code certkeeper operator}: runs the controllers against the cluster (in-cluster config or KUBECONFIG). */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = "Run the certkeeper controllers against the cluster of the in-cluster config or KUBECONFIG.")
final class OperatorCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorCommand.class);

  @Option(
      names = "--cluster-resource-namespace",
      description = "Namespace of the Secrets that ClusterIssuers use (default: the operator's own namespace).")
  String clusterResourceNamespace;

  @Option(
      names = "--enable-certificate-owner-ref",
      description = "Make each Certificate the owner of its Secret, so deleting the Certificate deletes the Secret (default: ${DEFAULT-VALUE}).",
      defaultValue = "false")
  boolean certificateOwnerRef;

  @Option(names = "--max-concurrent-reconciles", description = "Reconciliations run at once (default: ${DEFAULT-VALUE}).", defaultValue = "5")
  int maxConcurrentReconciles;

  @Option(
      names = "--issuance-backoff-base",
      description = "Wait after a first failed issuance; it doubles per failure up to 32 times this (default: ${DEFAULT-VALUE}).",
      defaultValue = "1h",
      converter = GoDurationConverter.class)
  Duration issuanceBackoffBase;

  @Option(
      names = "--acme-http01-solver-image",
      description = "Image of the HTTP-01 solver Pods; it must run `certkeeper acmesolver` (default: ${DEFAULT-VALUE}).",
      defaultValue = OperatorSettings.DEFAULT_SOLVER_IMAGE)
  String acmeSolverImage;

  @Option(
      names = "--acme-http01-self-check-nameservers",
      split = ",",
      description = "DNS servers (IP[:port], comma-separated; port 53 by default) the HTTP-01 self-check resolves domains with (default: the system resolver).")
  List<String> selfCheckNameservers = List.of();

  @Option(
      names = "--acme-http01-self-check-timeout",
      description = "How long a failing HTTP-01 self-check holds a Challenge before the CA is asked to validate anyway (the self-check may not see what the CA"
          + " sees); when the CA fails it too, the Order ends and the Certificate retries with back-off. 0 waits for ever (default: ${DEFAULT-VALUE}).",
      defaultValue = OperatorSettings.DEFAULT_SELF_CHECK_LIMIT,
      converter = GoDurationConverter.class)
  Duration selfCheckLimit;

  @Mixin IngressShimFlags ingressShim;

  @Override
  public Integer call() throws InterruptedException {
    KubernetesClient client = new KubernetesClientBuilder().build();
    String namespace = clusterResourceNamespace != null ? clusterResourceNamespace : ownNamespace(client);
    OperatorSettings settings =
        new OperatorSettings(
            namespace, certificateOwnerRef, maxConcurrentReconciles, issuanceBackoffBase, acmeSolverImage, selfCheckNameservers, selfCheckLimit, ingressShim.options());
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withConcurrentReconciliationThreads(maxConcurrentReconciles)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withCloseClientOnStop(true));
    Controllers.register(operator, client, settings, Clock.systemUTC());
    operator.installShutdownHook(Duration.ofSeconds(10));
    operator.start();
    LOG.info("certkeeper operator is running; cluster resource namespace {}", namespace);
    new CountDownLatch(1).await();
    return 0;
  }

  /** In a pod: POD_NAMESPACE or the service account's namespace; elsewhere the kubeconfig's. */
  private static String ownNamespace(KubernetesClient client) {
    String fromPod = System.getenv("POD_NAMESPACE");
    return fromPod != null && !fromPod.isBlank() ? fromPod : client.getNamespace() == null ? "default" : client.getNamespace();
  }
}
