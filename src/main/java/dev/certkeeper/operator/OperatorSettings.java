package dev.certkeeper.operator;

import java.time.Duration;

/**
 * The operator's settings, from its command-line flags; passed to the controllers explicitly.
 *
 * @param clusterResourceNamespace where the Secrets of ClusterIssuers live
 * @param certificateOwnerRef whether target Secrets are owned by (and deleted with) their Certificate
 * @param maxConcurrentReconciles reconciliation threads
 * @param issuanceBackoffBase the first wait after a failed issuance; it doubles per failure
 */
public record OperatorSettings(
    String clusterResourceNamespace, boolean certificateOwnerRef, int maxConcurrentReconciles, Duration issuanceBackoffBase) {}
