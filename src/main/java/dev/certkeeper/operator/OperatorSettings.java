package dev.certkeeper.operator;

import dev.certkeeper.acme.http01.SolverSettings;
import dev.certkeeper.api.GoDuration;
import dev.certkeeper.ingressshim.IngressShimOptions;
import java.time.Duration;
import java.util.List;

/**
 * The operator's settings, from its command-line flags; passed to the controllers explicitly.
 *
 * @param clusterResourceNamespace where the Secrets of ClusterIssuers live
 * @param certificateOwnerRef whether target Secrets are owned by (and deleted with) their Certificate
 * @param maxConcurrentReconciles reconciliation threads
 * @param issuanceBackoffBase the first wait after a failed issuance; it doubles per failure
 * @param acmeSolver the image, resources, security and labels of HTTP-01 solver Pods
 * @param selfCheckNameservers DNS servers (IP[:port]) the HTTP-01 self-check resolves names with; empty: the system's
 * @param selfCheckLimit how long a failing HTTP-01 self-check holds a Challenge before the CA is asked anyway; zero: for ever
 * @param maxConcurrentChallenges how many Challenges are solved at once (cert-manager's --max-concurrent-challenges)
 * @param ingressShim the ingress-shim's default issuer and annotation lists
 */
public record OperatorSettings(
    String clusterResourceNamespace,
    boolean certificateOwnerRef,
    int maxConcurrentReconciles,
    Duration issuanceBackoffBase,
    SolverSettings acmeSolver,
    List<String> selfCheckNameservers,
    Duration selfCheckLimit,
    int maxConcurrentChallenges,
    IngressShimOptions ingressShim) {

  /** The image solver Pods run when no flag names one: certkeeper's own, which has the acmesolver command. */
  public static final String DEFAULT_SOLVER_IMAGE = "ghcr.io/certkeeper/certkeeper:latest";

  /** How long a failing self-check holds a Challenge back by default. */
  public static final String DEFAULT_SELF_CHECK_LIMIT = "10m";

  /** How many Challenges are solved at once by default, as in cert-manager. */
  public static final int DEFAULT_MAX_CONCURRENT_CHALLENGES = 60;

  /** Settings with the ACME and ingress-shim defaults, for the core controllers and tests. */
  public OperatorSettings(String clusterResourceNamespace, boolean certificateOwnerRef, int maxConcurrentReconciles, Duration issuanceBackoffBase) {
    this(
        clusterResourceNamespace, certificateOwnerRef, maxConcurrentReconciles, issuanceBackoffBase, SolverSettings.defaults(DEFAULT_SOLVER_IMAGE), List.of(),
        GoDuration.parse(DEFAULT_SELF_CHECK_LIMIT), DEFAULT_MAX_CONCURRENT_CHALLENGES, IngressShimOptions.DEFAULTS);
  }
}
