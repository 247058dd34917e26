package dev.certkeeper.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * cert-manager controller flags that certkeeper does not implement, so that a cert-manager
 * deployment's arguments (a chart's {@code extraArgs}) do not stop the operator from starting.
 * Those whose absence changes nothing a user relies on are accepted and reported as ignored; those
 * that would change which objects are acted on are refused, saying why. Flags of certkeeper's own
 * that carry cert-manager's name as a second name ({@code --concurrent-workers}) are not listed here.
 */
final class CertManagerFlags {
  /** Why each accepted flag is ignored. */
  private static final Map<String, String> IGNORED =
      Map.ofEntries(
          Map.entry("--feature-gates", "certkeeper has no feature gates; what cert-manager's gates turn on is always on here, or not offered"),
          Map.entry("--v", "certkeeper's log level is --log-level"),
          Map.entry("-v", "certkeeper's log level is --log-level"),
          Map.entry("--logging-format", "certkeeper logs plain text lines"),
          Map.entry("--kube-api-qps", "the Kubernetes client is not rate limited on the client side"),
          Map.entry("--kube-api-burst", "the Kubernetes client is not rate limited on the client side"),
          Map.entry("--dns01-recursive-nameservers", "certkeeper solves HTTP-01 challenges only"),
          Map.entry("--dns01-recursive-nameservers-only", "certkeeper solves HTTP-01 challenges only"),
          Map.entry("--dns01-check-retry-period", "certkeeper solves HTTP-01 challenges only"),
          Map.entry("--cluster-issuer-ambient-credentials", "ambient credentials serve DNS-01 providers, which certkeeper does not have"),
          Map.entry("--issuer-ambient-credentials", "ambient credentials serve DNS-01 providers, which certkeeper does not have"),
          Map.entry("--enable-gateway-api", "certkeeper has no gateway-shim"),
          Map.entry("--enable-gateway-api-listenerset", "certkeeper has no gateway-shim"),
          Map.entry("--gateway-api-extra-protocols", "certkeeper has no gateway-shim"),
          Map.entry(
              "--copied-annotation-prefixes",
              "a Certificate's annotations are copied onto its CertificateRequests except cert-manager's default exclusions (kubectl.kubernetes.io/, fluxcd.io/, argocd.argoproj.io/)"),
          Map.entry("--certificate-request-maximum-backoff-duration", "the back-off stops at 32 times --issuance-backoff-base and a tenth of the lifetime"),
          Map.entry("--max-certificate-size", "the API server's object size limit applies"),
          Map.entry("--max-private-key-size", "the API server's object size limit applies"),
          Map.entry("--max-certificate-chain-length", "the API server's object size limit applies"),
          Map.entry("--max-certificate-bundle-size", "the API server's object size limit applies"));

  @Option(
      names = {
        "--feature-gates", "--v", "-v", "--logging-format", "--kube-api-qps", "--kube-api-burst", "--dns01-recursive-nameservers", "--dns01-check-retry-period",
        "--gateway-api-extra-protocols", "--copied-annotation-prefixes",
        "--certificate-request-maximum-backoff-duration", "--max-certificate-size", "--max-private-key-size", "--max-certificate-chain-length",
        "--max-certificate-bundle-size"
      },
      hidden = true)
  List<String> ignoredWithValue;

  @Option(
      names = {
        "--dns01-recursive-nameservers-only", "--cluster-issuer-ambient-credentials", "--issuer-ambient-credentials", "--enable-gateway-api",
        "--enable-gateway-api-listenerset"
      },
      arity = "0..1",
      hidden = true)
  List<Boolean> ignoredSwitches;

  @Option(names = "--namespace", hidden = true)
  String namespace;

  @Option(names = "--controllers", hidden = true)
  String controllers;

  /**
   * The flags among {@code args} (the command line as given) that certkeeper ignores, each with
   * why, for the log. Read from the arguments, as one option stands for several of the names.
   */
  static List<String> ignored(List<String> args) {
    List<String> lines = new ArrayList<>();
    for (String arg : args) {
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (IGNORED.containsKey(name)) {
        lines.add("ignoring cert-manager's " + name + ": " + IGNORED.get(name));
      }
    }
    return lines;
  }

  /** Refuses the flags that would change which objects are acted on; an IllegalArgumentException says why. */
  void refuseUnsupported() {
    if (namespace != null) {
      throw new IllegalArgumentException(
          "--namespace (cert-manager's single-namespace mode) is not supported: certkeeper acts on every namespace, with the cluster-wide RBAC its chart installs");
    }
    if (controllers != null) {
      throw new IllegalArgumentException(
          "--controllers is not supported: certkeeper runs all its controllers; to keep the ingress-shim from acting, leave Ingresses unannotated");
    }
  }
}
