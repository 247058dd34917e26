package dev.certkeeper.bench;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.testing.LocalEnvironment;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code make bench-issue}: 200 ECDSA Certificates created at once from a CA Issuer on the local
 * environment. Prints p50/p99 create-to-Ready, total time, API requests per certificate (from the
 * API server's own request counter) and the operator's peak RSS; then the same with 5,000 unrelated
 * 10 KiB Secrets in the cluster, with the operator restarted so it starts from a fresh cache.
 */
public final class IssueBenchmark {
  private static final int CERTIFICATES = 200;
  private static final int UNRELATED_SECRETS = 5000;

  private final Path projectDir;
  private final KubernetesClient client;
  private final List<String> operatorArgs;

  private IssueBenchmark(Path projectDir, KubernetesClient client, List<String> operatorArgs) {
    this.projectDir = projectDir;
    this.client = client;
    this.operatorArgs = operatorArgs;
  }

  public static void main(String[] args) throws Exception {
    Path projectDir = Path.of(args.length > 0 ? args[0] : ".");
    Map<String, String> env = LocalEnvironment.parseEnv(projectDir.resolve(".local/env"));
    try (KubernetesClient client =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, Files.readString(Path.of(env.get("KUBECONFIG"))), null)).build()) {
      // Further arguments go to the operator, e.g. --max-concurrent-reconciles 20.
      IssueBenchmark bench = new IssueBenchmark(projectDir, client, List.of(args).subList(Math.min(1, args.length), args.length));
      System.out.println("operator arguments: " + (args.length > 1 ? String.join(" ", bench.operatorArgs) : "(defaults)"));
      Result plain = bench.run("without unrelated Secrets");
      bench.createUnrelatedSecrets();
      Result crowded = bench.run("with " + UNRELATED_SECRETS + " unrelated 10 KiB Secrets");
      System.out.printf(
          "peak RSS with unrelated Secrets: %d MiB vs %d MiB without (%+.1f%%)%n",
          crowded.peakRssMiB(), plain.peakRssMiB(), 100.0 * (crowded.peakRssMiB() - plain.peakRssMiB()) / plain.peakRssMiB());
    }
    System.exit(0);
  }

  private Result run(String label) throws Exception {
    restartOperator();
    String namespace = "bench-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    bootstrapCa(namespace);

    long pid = Long.parseLong(Files.readString(projectDir.resolve(".local/run/operator.pid")).trim());
    Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5"); // resets the peak RSS (VmHWM)
    double requestsBefore = apiRequests();

    Map<String, Long> created = new ConcurrentHashMap<>();
    Map<String, Long> ready = new ConcurrentHashMap<>();
    var watch =
        client.resources(Certificate.class).inNamespace(namespace).watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, Certificate certificate) {
            boolean measured = certificate.getMetadata().getName().startsWith("cert-"); // not the bench's own CA
            if (measured && certificate.getStatus() != null && Conditions.isTrue(certificate.getStatus().conditions(), "Ready")) {
              ready.putIfAbsent(certificate.getMetadata().getName(), System.nanoTime());
            }
          }

          @Override
          public void onClose(WatcherException cause) {}
        });
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    for (int i = 0; i < CERTIFICATES; i++) {
      String name = "cert-" + i;
      pool.submit(() -> {
        created.put(name, System.nanoTime());
        client.resource(certificate(name)).inNamespace(namespace).create();
      });
    }
    pool.shutdown();
    pool.awaitTermination(2, TimeUnit.MINUTES);
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (ready.size() < CERTIFICATES && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    long end = ready.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
    watch.close();
    double requests = apiRequests() - requestsBefore - CERTIFICATES; // less the benchmark's own creates
    long peakRss = peakRssKiB(pid);

    List<Long> latencies = new ArrayList<>();
    created.forEach((name, t) -> {
      Long r = ready.get(name);
      if (r != null) {
        latencies.add(Duration.ofNanos(r - t).toMillis());
      }
    });
    latencies.sort(null);
    Result result = new Result(ready.size(), latencies, Duration.ofNanos(end - start).toMillis(), requests / CERTIFICATES, peakRss / 1024);
    System.out.printf(
        "bench-issue %s: %d/%d Ready; create->Ready p50 %d ms, p99 %d ms; all Ready in %.1f s; %.1f API requests per certificate; operator peak RSS %d MiB%n",
        label, result.ready(), CERTIFICATES, result.percentile(50), result.percentile(99), result.totalMillis() / 1000.0, result.requestsPerCertificate(), result.peakRssMiB());
    return result;
  }

  private void bootstrapCa(String namespace) {
    client.resource(load(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: selfsigned}\nspec: {selfSigned: {}}")).inNamespace(namespace).create();
    client.resource(load(Certificate.class, "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: ca}\nspec: {isCA: true, commonName: bench CA, secretName: bench-ca, privateKey: {algorithm: ECDSA}, issuerRef: {name: selfsigned}}"))
        .inNamespace(namespace).create();
    client.resource(load(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: ca}\nspec: {ca: {secretName: bench-ca}}")).inNamespace(namespace).create();
    client.resources(Issuer.class).inNamespace(namespace).withName("ca")
        .waitUntilCondition(i -> i != null && i.getStatus() != null && Conditions.isTrue(i.getStatus().conditions(), "Ready"), 2, TimeUnit.MINUTES);
  }

  private Certificate certificate(String name) {
    return load(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + "}\nspec: {secretName: " + name + "-tls, dnsNames: ["
            + name + ".bench.example.com], privateKey: {algorithm: ECDSA, size: 256}, issuerRef: {name: ca}}");
  }

  private void createUnrelatedSecrets() throws InterruptedException {
    String namespace = "bench-unrelated";
    if (client.namespaces().withName(namespace).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    }
    byte[] payload = new byte[10 * 1024];
    new Random(1).nextBytes(payload);
    String data = Base64.getEncoder().encodeToString(payload);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    long start = System.nanoTime();
    for (int i = 0; i < UNRELATED_SECRETS; i++) {
      String name = "unrelated-" + i;
      pool.submit(() -> client.resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata().addToData("payload", data).build())
          .inNamespace(namespace).createOr(existing -> existing.update()));
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    System.out.printf("created %d unrelated 10 KiB Secrets in %.1f s%n", UNRELATED_SECRETS, (System.nanoTime() - start) / 1e9);
  }

  private void restartOperator() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("e2e/local/operator.sh", "start"));
    command.addAll(operatorArgs);
    Process process = new ProcessBuilder(command).directory(projectDir.toFile()).inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("could not restart the operator");
    }
  }

  /** The API server's count of requests it has served, from its own metrics. */
  private double apiRequests() {
    return client.raw("/metrics").lines()
        .filter(line -> line.startsWith("apiserver_request_total{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static long peakRssKiB(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(line -> line.startsWith("VmHWM:"))
        .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
        .findFirst()
        .orElseThrow();
  }

  private <T> T load(Class<T> type, String yaml) {
    return client.getKubernetesSerialization().unmarshal(yaml, type);
  }

  /** The figures of one run. */
  private record Result(int ready, List<Long> latenciesMillis, long totalMillis, double requestsPerCertificate, long peakRssMiB) {
    long percentile(int p) {
      return latenciesMillis.isEmpty() ? -1 : latenciesMillis.get(Math.min(latenciesMillis.size() - 1, (int) Math.ceil(p / 100.0 * latenciesMillis.size()) - 1));
    }
  }
}
