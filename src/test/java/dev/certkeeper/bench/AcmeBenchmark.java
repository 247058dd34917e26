package dev.certkeeper.bench;

import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.kube.Conditions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code make bench-acme}: 100 Certificates issued by Pebble over HTTP-01 at once, each through its
 * own solver Pod, Service and Ingress (run by the local stand-ins). Prints p50/p99 create-to-Ready,
 * total time, ACME requests per certificate (the operator's own
 * certmanager_http_acme_client_request_count), API writes per certificate (the API server's
 * counter, every client's writes: the operator's, the stand-ins' Pod status and the controller
 * manager's EndpointSlices) and the operator's peak RSS.
 */
public final class AcmeBenchmark {
  private static final int CERTIFICATES = 100;

  public static void main(String[] args) throws Exception {
    try (BenchCluster cluster = BenchCluster.open(args)) {
      cluster.restartOperator();
      String namespace = cluster.createNamespace("acme");
      cluster.client.resource(cluster.load(Issuer.class,
              "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: pebble}\nspec:\n  acme:\n    server: " + cluster.env.get("PEBBLE_DIRECTORY")
                  + "\n    caBundle: " + cluster.env.get("PEBBLE_CA_BUNDLE")
                  + "\n    privateKeySecretRef: {name: pebble-account}\n    solvers:\n    - http01: {ingress: {ingressClassName: nginx}}\n"))
          .inNamespace(namespace).create();
      cluster.client.resources(Issuer.class).inNamespace(namespace).withName("pebble")
          .waitUntilCondition(i -> i != null && i.getStatus() != null && Conditions.isTrue(i.getStatus().conditions(), "Ready"), 2, TimeUnit.MINUTES);

      cluster.resetPeakRss();
      double writesBefore = cluster.apiWrites();
      double acmeBefore = cluster.operatorAcmeRequests();
      Map<String, Double> byKindBefore = cluster.apiRequestsByVerbAndResource();
      List<String> names = IntStream.range(0, CERTIFICATES).mapToObj(i -> "acme-" + i).toList();
      BenchCluster.Burst burst = cluster.burst(namespace, names, name -> certificate(name, namespace), Duration.ofMinutes(5));
      double writes = cluster.apiWrites() - writesBefore - CERTIFICATES; // less the benchmark's own creates
      double acme = cluster.operatorAcmeRequests() - acmeBefore;
      System.out.printf(
          "bench-acme: %s; %s ACME requests per certificate; %.1f API writes per certificate; operator peak RSS %d MiB%n",
          burst.summary(), Double.isNaN(acme) ? "n/a (no operator metrics on 127.0.0.1:9402)" : String.format("%.1f", acme / CERTIFICATES),
          writes / CERTIFICATES, cluster.peakRssMiB());
      System.out.print("API requests per certificate by verb and resource (the benchmark's own included):\n"
          + BenchCluster.perCertificate(byKindBefore, cluster.apiRequestsByVerbAndResource(), CERTIFICATES));
    }
    System.exit(0);
  }

  private static String certificate(String name, String namespace) {
    return "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + "}\nspec: {secretName: " + name + "-tls, dnsNames: ["
        + name + "." + namespace + ".bench.test], privateKey: {algorithm: ECDSA, size: 256}, issuerRef: {name: pebble}}";
  }
}
