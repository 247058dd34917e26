package dev.certkeeper.cli;

import dev.certkeeper.operator.LeaderElection;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The leader-election flags of {@code certkeeper operator}, named as cert-manager's, with Kubernetes' usual timings. */
final class LeaderElectionFlags {
  @Option(
      names = "--leader-elect",
      arity = "0..1",
      fallbackValue = "true",
      description = "Hold a Lease before reconciling, so that of several replicas one acts (default: ${DEFAULT-VALUE}; the Helm chart turns it on).",
      defaultValue = "false")
  boolean enabled;

  @Option(names = "--leader-election-namespace", description = "Namespace of the Lease (default: the operator's own namespace).")
  String namespace;

  @Option(names = "--leader-election-id", description = "Name of the Lease (default: ${DEFAULT-VALUE}).", defaultValue = "certkeeper-leader")
  String leaseName;

  @Option(
      names = "--leader-election-lease-duration",
      description = "How long followers wait after the last renewal before taking the Lease (default: ${DEFAULT-VALUE}).",
      defaultValue = "15s",
      converter = GoDurationConverter.class)
  Duration leaseDuration;

  @Option(
      names = "--leader-election-renew-deadline",
      description = "How long the leader keeps trying to renew before it gives up leadership and exits (default: ${DEFAULT-VALUE}).",
      defaultValue = "10s",
      converter = GoDurationConverter.class)
  Duration renewDeadline;

  @Option(
      names = "--leader-election-retry-period",
      description = "Wait between attempts to take or renew the Lease (default: ${DEFAULT-VALUE}).",
      defaultValue = "2s",
      converter = GoDurationConverter.class)
  Duration retryPeriod;

  /** The election to run, if enabled; the Lease lives in {@code ownNamespace} unless a flag names another. */
  Optional<LeaderElection> election(String ownNamespace) {
    if (!enabled) {
      return Optional.empty();
    }
    return Optional.of(new LeaderElection(namespace != null ? namespace : ownNamespace, leaseName, leaseDuration, renewDeadline, retryPeriod));
  }
}
