package dev.certkeeper.cli;

import dev.certkeeper.acme.http01.SolverSettings;
import dev.certkeeper.operator.OperatorSettings;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The HTTP-01 solver Pods' flags of {@code certkeeper operator}, named and defaulted as cert-manager's
 * {@code --acme-http01-solver-*} controller flags, so a cert-manager deployment's arguments carry over.
 */
final class SolverFlags {
  /** Kubernetes' quantity syntax, without a sign: a number, then an exponent or a suffix. */
  private static final Pattern QUANTITY = Pattern.compile("([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?");
  /** A label key (an optional DNS prefix and a name) and a label value, as Kubernetes checks them. */
  private static final Pattern LABEL_KEY = Pattern.compile("([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

  @Option(
      names = "--acme-http01-solver-image",
      description = "Image of the HTTP-01 solver Pods; it must run `certkeeper acmesolver` (default: ${DEFAULT-VALUE}).",
      defaultValue = OperatorSettings.DEFAULT_SOLVER_IMAGE)
  String image;

  @Option(names = "--acme-http01-solver-resource-request-cpu", description = "CPU request of solver Pods (default: ${DEFAULT-VALUE}).", defaultValue = "10m")
  String cpuRequest;

  @Option(
      names = "--acme-http01-solver-resource-request-memory", description = "Memory request of solver Pods (default: ${DEFAULT-VALUE}).", defaultValue = "64Mi")
  String memoryRequest;

  @Option(names = "--acme-http01-solver-resource-limits-cpu", description = "CPU limit of solver Pods (default: ${DEFAULT-VALUE}).", defaultValue = "100m")
  String cpuLimit;

  @Option(
      names = "--acme-http01-solver-resource-limits-memory", description = "Memory limit of solver Pods (default: ${DEFAULT-VALUE}).", defaultValue = "64Mi")
  String memoryLimit;

  @Option(
      names = "--acme-http01-solver-run-as-non-root",
      arity = "0..1",
      description = "Whether solver Pods must run as a non-root user (default: ${DEFAULT-VALUE}).",
      defaultValue = "true")
  boolean runAsNonRoot;

  @Option(
      names = "--acme-http01-solver-runtime-class-name",
      description = "RuntimeClass of solver Pods (default: the cluster's default).")
  String runtimeClassName;

  @Option(
      names = "--acme-http01-solver-extra-labels",
      split = ",",
      description = "Labels (key=value, comma-separated) put on every solver Pod, Service and Ingress; the labels that name the"
          + " Challenge cannot be replaced (default: none).")
  List<String> extraLabels;

  /** The settings; an IllegalArgumentException names the flag and the value to fix. */
  SolverSettings settings() {
    if (isCertManagersSolverImage(image)) {
      throw new IllegalArgumentException(
          "--acme-http01-solver-image: " + image + " is cert-manager's solver image, which cannot run `certkeeper acmesolver`;"
              + " leave the flag out to use certkeeper's own image");
    }
    Quantity cpuRequested = quantity("--acme-http01-solver-resource-request-cpu", cpuRequest);
    Quantity memoryRequested = quantity("--acme-http01-solver-resource-request-memory", memoryRequest);
    Quantity cpuLimited = quantity("--acme-http01-solver-resource-limits-cpu", cpuLimit);
    Quantity memoryLimited = quantity("--acme-http01-solver-resource-limits-memory", memoryLimit);
    // The API server refuses a Pod whose request is above its limit: say so now, not at the first Challenge.
    requestWithinLimit("cpu", cpuRequest, cpuRequested, cpuLimit, cpuLimited);
    requestWithinLimit("memory", memoryRequest, memoryRequested, memoryLimit, memoryLimited);
    return new SolverSettings(image, cpuRequest, memoryRequest, cpuLimit, memoryLimit, runAsNonRoot, labels(extraLabels), runtimeClassName == null || runtimeClassName.isBlank() ? null : runtimeClassName.strip());
  }

  /** Whether the image is cert-manager's acmesolver (as a migrated chart's values may still name), whatever its registry, tag or digest. */
  private static boolean isCertManagersSolverImage(String image) {
    String repository = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    String name = repository.substring(repository.lastIndexOf('/') + 1);
    name = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
    return name.equals("cert-manager-acmesolver");
  }

  private static Quantity quantity(String flag, String value) {
    if (!QUANTITY.matcher(value).matches()) {
      throw new IllegalArgumentException(flag + ": \"" + value + "\" is not a Kubernetes quantity of zero or more (such as 100m, 0.5, 64Mi or 1G)");
    }
    return new Quantity(value);
  }

  private static void requestWithinLimit(String resource, String request, Quantity requested, String limit, Quantity limited) {
    BigDecimal asked = Quantity.getAmountInBytes(requested);
    BigDecimal most = Quantity.getAmountInBytes(limited);
    if (asked.compareTo(most) > 0) {
      throw new IllegalArgumentException(
          "--acme-http01-solver-resource-request-" + resource + " (" + request + ") is above --acme-http01-solver-resource-limits-" + resource + " (" + limit
              + "): Kubernetes refuses such a Pod");
    }
  }

  private static Map<String, String> labels(List<String> values) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String value : values == null ? List.<String>of() : values) {
      String entry = value.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("--acme-http01-solver-extra-labels: \"" + entry + "\" is not key=value");
      }
      String key = entry.substring(0, equals).strip();
      String labelValue = entry.substring(equals + 1).strip();
      if (!LABEL_KEY.matcher(key).matches() || !LABEL_VALUE.matcher(labelValue).matches()) {
        throw new IllegalArgumentException("--acme-http01-solver-extra-labels: \"" + entry + "\" is not a valid Kubernetes label (key=value)");
      }
      labels.put(key, labelValue);
    }
    return labels;
  }
}
