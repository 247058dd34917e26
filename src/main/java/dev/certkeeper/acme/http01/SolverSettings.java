package dev.certkeeper.acme.http01;

import java.util.Map;
import java.util.Objects;

/**
 * Operator-wide settings for HTTP-01 solver pods, from the command line.
 *
 * @param image the image that runs {@code certkeeper acmesolver} (the operator's own)
 * @param cpuRequest CPU request, a Kubernetes quantity
 * @param memoryRequest memory request
 * @param cpuLimit CPU limit
 * @param memoryLimit memory limit
 * @param runAsNonRoot the pod security context's {@code runAsNonRoot}
 * @param extraLabels labels added to every solver object; they cannot replace the three identity labels
 * @param runtimeClassName the Pods' runtime class; null for the cluster's default
 */
public record SolverSettings(
    String image,
    String cpuRequest,
    String memoryRequest,
    String cpuLimit,
    String memoryLimit,
    boolean runAsNonRoot,
    Map<String, String> extraLabels,
    String runtimeClassName) {

  public SolverSettings {
    Objects.requireNonNull(image, "image");
    extraLabels = extraLabels == null ? Map.of() : Map.copyOf(extraLabels);
  }

  /** cert-manager's defaults: requests 10m CPU and 64Mi, limits 100m CPU and 64Mi, non-root, no extra labels, the default runtime class. */
  public static SolverSettings defaults(String image) {
    return new SolverSettings(image, "10m", "64Mi", "100m", "64Mi", true, Map.of(), null);
  }
}
