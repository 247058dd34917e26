package dev.certkeeper.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * cert-manager controller flags that certkeeper does not implement, so that a cert-manager
 * deployment's arguments (a chart's {@code extraArgs}) do not stop the operator from starting.
 * Those whose absence changes nothing a user relies on are accepted and reported as ignored; those
 * that would change which objects are acted on, or how certkeeper is reached or configured, are
 * refused, saying why. Flags of certkeeper's own that carry cert-manager's name as a second name
 * ({@code --concurrent-workers}) are not listed here.
 */
final class CertManagerFlags {
  private static final String LOG_LEVEL = "certkeeper's log level is --log-level";
  private static final String LOG_LINES = "certkeeper logs plain text lines to standard error";
  private static final String SIZE_LIMIT = "the API server's object size limit applies";

  /** Why each accepted flag is ignored. */
  private static final Map<String, String> IGNORED =
      Map.ofEntries(
          Map.entry("--feature-gates", "certkeeper has no feature gates; what cert-manager's gates turn on is always on here, or not offered"),
          Map.entry("--v", LOG_LEVEL),
          Map.entry("-v", LOG_LEVEL),
          Map.entry("--vmodule", LOG_LEVEL),
          Map.entry("--logging-format", LOG_LINES),
          Map.entry("--log-flush-frequency", LOG_LINES),
          Map.entry("--log-text-split-stream", LOG_LINES),
          Map.entry("--log-json-split-stream", LOG_LINES),
          Map.entry("--log-text-info-buffer-size", LOG_LINES),
          Map.entry("--log-json-info-buffer-size", LOG_LINES),
          Map.entry("--kube-api-qps", "the Kubernetes client is not rate limited on the client side"),
          Map.entry("--kube-api-burst", "the Kubernetes client is not rate limited on the client side"),
          Map.entry("--enable-profiling", "certkeeper serves no profiling endpoint"),
          Map.entry("--profiler-address", "certkeeper serves no profiling endpoint"),
          Map.entry("--dns01-recursive-nameservers", "certkeeper solves HTTP-01 challenges only"),
          Map.entry("--dns01-recursive-nameservers-only", "certkeeper solves HTTP-01 challenges only"),
          Map.entry("--dns01-check-retry-period", "the HTTP-01 self-check keeps certkeeper's own retry timing"),
          Map.entry("--cluster-issuer-ambient-credentials", "ambient credentials serve DNS-01 providers, which certkeeper does not have"),
          Map.entry("--issuer-ambient-credentials", "ambient credentials serve DNS-01 providers, which certkeeper does not have"),
          Map.entry("--enable-gateway-api", "certkeeper has no gateway-shim"),
          Map.entry("--enable-gateway-api-listenerset", "certkeeper has no gateway-shim"),
          Map.entry("--gateway-api-extra-protocols", "certkeeper has no gateway-shim"),
          Map.entry(
              "--copied-annotation-prefixes",
              "a Certificate's annotations are copied onto its CertificateRequests except cert-manager's default exclusions (kubectl.kubernetes.io/, fluxcd.io/, argocd.argoproj.io/)"),
          Map.entry("--certificate-request-maximum-backoff-duration", "the back-off stops at 32 times --issuance-backoff-base and a tenth of the lifetime"),
          Map.entry("--max-certificate-size", SIZE_LIMIT),
          Map.entry("--max-private-key-size", SIZE_LIMIT),
          Map.entry("--max-certificate-chain-length", SIZE_LIMIT),
          Map.entry("--max-certificate-bundle-size", SIZE_LIMIT));

  @Option(
      names = {
        "--feature-gates", "--v", "-v", "--vmodule", "--logging-format", "--log-flush-frequency", "--log-text-info-buffer-size",
        "--log-json-info-buffer-size", "--kube-api-qps", "--kube-api-burst", "--profiler-address", "--dns01-recursive-nameservers",
        "--dns01-check-retry-period", "--gateway-api-extra-protocols", "--copied-annotation-prefixes", "--certificate-request-maximum-backoff-duration",
        "--max-certificate-size", "--max-private-key-size", "--max-certificate-chain-length", "--max-certificate-bundle-size"
      },
      hidden = true)
  List<String> ignoredWithValue;

  /** Go's booleans: given alone, or with a value Go accepts (1, t, true, 0, f, false...), which is not checked here. */
  @Option(
      names = {
        "--dns01-recursive-nameservers-only", "--cluster-issuer-ambient-credentials", "--issuer-ambient-credentials", "--enable-gateway-api",
        "--enable-gateway-api-listenerset", "--enable-profiling", "--log-text-split-stream", "--log-json-split-stream"
      },
      arity = "0..1",
      hidden = true)
  List<String> ignoredSwitches;

  @Option(names = "--namespace", hidden = true)
  String namespace;

  @Option(names = "--controllers", hidden = true)
  String controllers;

  @Option(names = {"--kubeconfig", "--master"}, hidden = true)
  String clusterAddress;

  @Option(names = "--config", hidden = true)
  String configFile;

  @Option(
      names = {
        "--metrics-tls-cert-file", "--metrics-tls-private-key-file", "--metrics-tls-min-version", "--metrics-tls-cipher-suites",
        "--metrics-dynamic-serving-ca-secret-namespace", "--metrics-dynamic-serving-ca-secret-name", "--metrics-dynamic-serving-dns-names"
      },
      hidden = true)
  List<String> metricsTls;

  /**
   * The flags among {@code args} (the command line, @-files expanded) that certkeeper ignores, each
   * with why, for the log. Read from the arguments, as one option stands for several of the names.
   */
  static List<String> ignored(List<String> args) {
    List<String> lines = new ArrayList<>();
    for (String arg : args) {
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg.matches("-v[0-9]+") ? "-v" : arg;
      if (IGNORED.containsKey(name)) {
        lines.add("ignoring cert-manager's " + name + ": " + IGNORED.get(name));
      }
    }
    return lines;
  }

  /**
   * Refuses the flags that would change which objects are acted on, or how certkeeper is reached or
   * configured, if ignored; an IllegalArgumentException says why. cert-manager's values that mean
   * the default ({@code --namespace=}, {@code --controllers=*}) are accepted.
   */
  void refuseUnsupported() {
    if (namespace != null && !namespace.isBlank()) {
      throw new IllegalArgumentException(
          "--namespace (cert-manager's single-namespace mode) is not supported: certkeeper acts on every namespace, with the cluster-wide RBAC its chart installs");
    }
    if (controllers != null && !controllers.strip().equals("*")) {
      throw new IllegalArgumentException(
          "--controllers is not supported: certkeeper runs all its controllers; to keep the ingress-shim from acting, leave Ingresses unannotated");
    }
    if (clusterAddress != null) {
      throw new IllegalArgumentException(
          "--kubeconfig and --master are not supported: certkeeper uses the in-cluster configuration, or the kubeconfig named by the KUBECONFIG environment variable");
    }
    if (configFile != null) {
      throw new IllegalArgumentException("--config is not supported: certkeeper is configured by flags only (`certkeeper operator --help` lists them)");
    }
    if (metricsTls != null) {
      throw new IllegalArgumentException(
          "the --metrics-tls-* and --metrics-dynamic-serving-* flags are not supported: certkeeper serves /metrics over plain HTTP; put TLS in front of it, or scrape it inside the cluster");
    }
  }
}
