package dev.certkeeper.cli;

import dev.certkeeper.acme.http01.SolverSettings;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.metrics.AcmeClientMetrics;
import dev.certkeeper.metrics.CertificateMetrics;
import dev.certkeeper.metrics.ControllerMetrics;
import dev.certkeeper.metrics.MetricsServer;
import dev.certkeeper.operator.Controllers;
import dev.certkeeper.operator.LeaderElection;
import dev.certkeeper.operator.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code certkeeper operator}: runs the controllers against the cluster (in-cluster config or KUBECONFIG). */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = "Run the certkeeper controllers against the cluster of the in-cluster config or KUBECONFIG.")
final class OperatorCommand implements Callable<Integer> {
  /** How long reconciliations in progress get to end when the operator is stopped, well within a pod's 30 s grace period. */
  private static final Duration RECONCILIATIONS_ON_STOP = Duration.ofSeconds(10);

  /** Levels of certkeeper's own log; libraries keep theirs (simplelogger.properties). */
  enum LogLevel { error, warn, info, debug, trace }

  @Spec CommandSpec spec;

  @Option(
      names = "--cluster-resource-namespace",
      description = "Namespace of the Secrets that ClusterIssuers use (default: the operator's own namespace).")
  String clusterResourceNamespace;

  @Option(
      names = "--enable-certificate-owner-ref",
      description = "Make each Certificate the owner of its Secret, so deleting the Certificate deletes the Secret (default: ${DEFAULT-VALUE}).",
      defaultValue = "false")
  boolean certificateOwnerRef;

  @Option(
      names = {"--max-concurrent-reconciles", "--concurrent-workers"},
      description = "Reconciliations run at once; --concurrent-workers is cert-manager's name for it (default: ${DEFAULT-VALUE}).",
      defaultValue = "5")
  int maxConcurrentReconciles;

  @Option(
      names = {"--issuance-backoff-base", "--certificate-request-minimum-backoff-duration"},
      description = "Wait after a first failed issuance; it doubles per failure up to 32 times this;"
          + " --certificate-request-minimum-backoff-duration is cert-manager's name for it (default: ${DEFAULT-VALUE}).",
      defaultValue = "1h",
      converter = GoDurationConverter.class)
  Duration issuanceBackoffBase;

  @Option(
      names = {"--acme-http01-self-check-nameservers", "--acme-http01-solver-nameservers"},
      split = ",",
      description = "DNS servers (IP[:port], comma-separated; port 53 by default) the HTTP-01 self-check resolves domains with;"
          + " --acme-http01-solver-nameservers is cert-manager's name for it (default: the system resolver).")
  List<String> selfCheckNameservers = List.of();

  @Option(
      names = "--metrics-listen-address",
      description = "host:port for /metrics (Prometheus), /healthz and /readyz (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.0.0.0:9402")
  String metricsListenAddress;

  @Option(
      names = "--log-level",
      description = "Level of certkeeper's own log lines: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "info")
  LogLevel logLevel;

  @Option(
      names = "--acme-http01-self-check-timeout",
      description = "How long a failing HTTP-01 self-check holds a Challenge before the CA is asked to validate anyway (the self-check may not see what the CA"
          + " sees); when the CA fails it too, the Order ends and the Certificate retries with back-off. 0 waits for ever (default: ${DEFAULT-VALUE}).",
      defaultValue = OperatorSettings.DEFAULT_SELF_CHECK_LIMIT,
      converter = GoDurationConverter.class)
  Duration selfCheckLimit;

  @Option(
      names = "--max-concurrent-challenges",
      description = "How many ACME challenges are solved at once (each HTTP-01 one runs a solver Pod); the others wait, oldest first"
          + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + OperatorSettings.DEFAULT_MAX_CONCURRENT_CHALLENGES)
  int maxConcurrentChallenges;

  @Mixin SolverFlags solver;

  @Mixin CertManagerFlags certManager;

  @Mixin IngressShimFlags ingressShim;

  @Mixin LeaderElectionFlags leaderElectionFlags;

  @Override
  public Integer call() throws InterruptedException, IOException {
    // slf4j-simple reads a logger's level when the logger is made: set it before any of ours is.
    System.setProperty("org.slf4j.simpleLogger.log.dev.certkeeper", logLevel.name());
    Logger log = LoggerFactory.getLogger(OperatorCommand.class);
    KubernetesClient client = new KubernetesClientBuilder().build();
    String ownNamespace = ownNamespace(client);
    String namespace = clusterResourceNamespace != null ? clusterResourceNamespace : ownNamespace;
    InetSocketAddress metricsAddress;
    Optional<LeaderElection> election;
    SolverSettings solverSettings;
    try {
      metricsAddress = MetricsServer.parseAddress(metricsListenAddress);
      election = leaderElectionFlags.election(ownNamespace);
      solverSettings = solver.settings();
      certManager.refuseUnsupported();
      if (maxConcurrentChallenges < 1) {
        throw new IllegalArgumentException("--max-concurrent-challenges must be at least 1, not " + maxConcurrentChallenges);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    CertManagerFlags.ignored(spec.commandLine().getParseResult().expandedArgs()).forEach(log::info);
    OperatorSettings settings =
        new OperatorSettings(
            namespace, certificateOwnerRef, maxConcurrentReconciles, issuanceBackoffBase, solverSettings, selfCheckNameservers, selfCheckLimit, maxConcurrentChallenges,
            ingressShim.options());
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    ControllerMetrics controllerMetrics = new ControllerMetrics(registry);
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withConcurrentReconciliationThreads(maxConcurrentReconciles)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withCloseClientOnStop(false)
                  .withReconciliationTerminationTimeout(RECONCILIATIONS_ON_STOP)
                  .withMetrics(controllerMetrics);
              election.ifPresent(e -> o.withLeaderElectionConfiguration(e.configuration()));
            });
    RegisteredController<Certificate> certificates =
        Controllers.register(operator, client, settings, Clock.systemUTC(), new AcmeClientMetrics(registry));
    RuntimeInfo runtime = operator.getRuntimeInfo();
    // Only the acting process reports certificates, as in cert-manager, so alerts fire once.
    registry.register(
        new CertificateMetrics(
            () -> runtime.isStarted() && election.map(LeaderElection::isLeading).orElse(true) ? Controllers.cachedCertificates(certificates) : List.of()));
    MetricsServer server = MetricsServer.start(metricsAddress, registry, runtime::isStarted, () -> runtime.isStarted() && runtime.allEventSourcesAreHealthy());
    log.info("serving /metrics, /healthz and /readyz on {}", server.address());
    // JOSDK installs no shutdown hook when leader election is on; this one also gives the Lease up.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(operator, election, controllerMetrics, client), "certkeeper-shutdown"));
    operator.start();
    log.info("certkeeper operator is running; cluster resource namespace {}", namespace);
    new CountDownLatch(1).await();
    return 0;
  }

  /**
   * Stops the controllers (reconciliations in progress get {@link #RECONCILIATIONS_ON_STOP} to end),
   * then a leader gives the Lease up, unless one is still running: the standby must not act beside
   * it, so the Lease is left to expire, as after a crash. Then the client both used is closed.
   */
  private static void shutDown(Operator operator, Optional<LeaderElection> election, ControllerMetrics metrics, KubernetesClient client) {
    election.ifPresent(LeaderElection::shuttingDown);
    try {
      operator.stop();
    } finally {
      int running = metrics.running();
      if (running > 0) {
        LoggerFactory.getLogger(OperatorCommand.class)
            .warn("{} reconciliation(s) still running {} after the stop: the Lease is not given up, a standby takes over once it expires", running, RECONCILIATIONS_ON_STOP);
      } else {
        election.ifPresent(e -> e.release(client));
      }
      client.close();
    }
  }

  /** In a pod: POD_NAMESPACE or the service account's namespace; elsewhere the kubeconfig's. */
  private static String ownNamespace(KubernetesClient client) {
    String fromPod = System.getenv("POD_NAMESPACE");
    return fromPod != null && !fromPod.isBlank() ? fromPod : client.getNamespace() == null ? "default" : client.getNamespace();
  }
}
