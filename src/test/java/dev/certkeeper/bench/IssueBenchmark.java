package dev.certkeeper.bench;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.kube.Conditions;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code make bench-issue}: 200 ECDSA Certificates created at once from a CA Issuer on the local
 * environment. Prints p50/p99 create-to-Ready, total time, API requests per certificate (from the
 * API server's own request counter) and the operator's peak RSS; then the same with 5,000 unrelated
 * 10 KiB Secrets in the cluster, with the operator restarted so it starts from a fresh cache.
 */
public final class IssueBenchmark {
  private static final int CERTIFICATES = 200;
  private static final int UNRELATED_SECRETS = 5000;

  private final BenchCluster cluster;

  private IssueBenchmark(BenchCluster cluster) {
    this.cluster = cluster;
  }

  public static void main(String[] args) throws Exception {
    try (BenchCluster cluster = BenchCluster.open(args)) {
      IssueBenchmark bench = new IssueBenchmark(cluster);
      long plain = bench.run("without unrelated Secrets");
      // The second run differs from the first only by the unrelated Secrets, not by the first run's Certificates.
      cluster.deleteNamespaces(n -> n.startsWith(BenchCluster.NAMESPACE_PREFIX));
      bench.createUnrelatedSecrets();
      long crowded = bench.run("with " + UNRELATED_SECRETS + " unrelated 10 KiB Secrets");
      System.out.printf("peak RSS with unrelated Secrets: %d MiB vs %d MiB without (%+.1f%%)%n", crowded, plain, 100.0 * (crowded - plain) / plain);
      cluster.deleteNamespaces(n -> n.startsWith(BenchCluster.NAMESPACE_PREFIX));
    }
    System.exit(0);
  }

  /** One burst; returns the operator's peak RSS in MiB. */
  private long run(String label) throws Exception {
    cluster.restartOperator();
    String namespace = cluster.createNamespace("issue");
    bootstrapCa(namespace);
    cluster.resetPeakRss();
    double requestsBefore = cluster.apiRequests();
    Map<String, Double> byKindBefore = cluster.apiRequestsByVerbAndResource();
    List<String> names = IntStream.range(0, CERTIFICATES).mapToObj(i -> "cert-" + i).toList();
    BenchCluster.Burst burst = cluster.burst(namespace, names, IssueBenchmark::certificate, Duration.ofMinutes(3));
    double requests = cluster.apiRequests() - requestsBefore - CERTIFICATES; // less the benchmark's own creates
    long peakRss = cluster.peakRssMiB();
    Map<String, Double> byKindAfter = cluster.apiRequestsByVerbAndResource();
    System.out.printf(
        "bench-issue %s: %s; %.1f API requests per certificate; operator peak RSS %d MiB%n", label, burst.summary(), requests / CERTIFICATES, peakRss);
    System.out.print("API requests per certificate by verb and resource (the benchmark's own included):\n" + BenchCluster.perCertificate(byKindBefore, byKindAfter, CERTIFICATES));
    return peakRss;
  }

  private void bootstrapCa(String namespace) {
    cluster.client.resource(cluster.load(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: selfsigned}\nspec: {selfSigned: {}}"))
        .inNamespace(namespace).create();
    cluster.client.resource(cluster.load(Certificate.class,
            "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: ca}\nspec: {isCA: true, commonName: bench CA, secretName: bench-ca, privateKey: {algorithm: ECDSA}, issuerRef: {name: selfsigned}}"))
        .inNamespace(namespace).create();
    cluster.client.resource(cluster.load(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: ca}\nspec: {ca: {secretName: bench-ca}}"))
        .inNamespace(namespace).create();
    cluster.client.resources(Issuer.class).inNamespace(namespace).withName("ca")
        .waitUntilCondition(i -> i != null && i.getStatus() != null && Conditions.isTrue(i.getStatus().conditions(), "Ready"), 2, TimeUnit.MINUTES);
  }

  private static String certificate(String name) {
    return "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + "}\nspec: {secretName: " + name + "-tls, dnsNames: ["
        + name + ".bench.example.com], privateKey: {algorithm: ECDSA, size: 256}, issuerRef: {name: ca}}";
  }

  private void createUnrelatedSecrets() throws InterruptedException {
    String namespace = BenchCluster.NAMESPACE_PREFIX + "unrelated";
    if (cluster.client.namespaces().withName(namespace).get() == null) {
      cluster.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    }
    byte[] payload = new byte[10 * 1024];
    new Random(1).nextBytes(payload);
    String data = Base64.getEncoder().encodeToString(payload);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    long start = System.nanoTime();
    for (int i = 0; i < UNRELATED_SECRETS; i++) {
      String name = "unrelated-" + i;
      pool.submit(() -> cluster.client.resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata().addToData("payload", data).build())
          .inNamespace(namespace).createOr(existing -> existing.update()));
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    System.out.printf("created %d unrelated 10 KiB Secrets in %.1f s%n", UNRELATED_SECRETS, (System.nanoTime() - start) / 1e9);
  }
}
