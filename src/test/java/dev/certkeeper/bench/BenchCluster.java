package dev.certkeeper.bench;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.operator.OperatorSettings;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.testing.LocalEnvironment;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the benchmarks share: the local environment's client, the operator (restarted with given
 * arguments, its peak RSS), the API server's and the operator's own request counters, and a burst
 * of Certificates timed from create to Ready.
 */
final class BenchCluster implements AutoCloseable {
  private static final Set<String> WRITE_VERBS = Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION");
  /** Every namespace a benchmark makes starts with this. */
  static final String NAMESPACE_PREFIX = "bench-";

  final Path projectDir;
  final Map<String, String> env;
  final KubernetesClient client;
  private final List<String> operatorArgs;

  private BenchCluster(Path projectDir, Map<String, String> env, KubernetesClient client, List<String> operatorArgs) {
    this.projectDir = projectDir;
    this.env = env;
    this.client = client;
    this.operatorArgs = operatorArgs;
  }

  /** args[0] is the project directory; the rest go to the operator, e.g. --max-concurrent-reconciles 20. */
  static BenchCluster open(String[] args) throws IOException {
    Path projectDir = Path.of(args.length > 0 ? args[0] : ".");
    Map<String, String> env = LocalEnvironment.parseEnv(projectDir.resolve(".local/env"));
    KubernetesClient client =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, Files.readString(Path.of(env.get("KUBECONFIG"))), null)).build();
    List<String> operatorArgs = List.of(args).subList(Math.min(1, args.length), args.length);
    System.out.println("operator arguments: " + (operatorArgs.isEmpty() ? "(defaults)" : String.join(" ", operatorArgs)));
    BenchCluster cluster = new BenchCluster(projectDir, env, client, operatorArgs);
    cluster.deleteNamespaces(n -> n.startsWith(NAMESPACE_PREFIX));
    return cluster;
  }

  /**
   * Deletes the namespaces a benchmark made and waits until they are gone: what an earlier run
   * left (Certificates the operator caches, unrelated Secrets) would otherwise be measured too.
   */
  void deleteNamespaces(Predicate<String> which) {
    List<String> names = client.namespaces().list().getItems().stream().map(n -> n.getMetadata().getName()).filter(which).toList();
    if (names.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    names.forEach(name -> client.namespaces().withName(name).delete());
    names.forEach(name -> client.namespaces().withName(name).waitUntilCondition(n -> n == null, 5, TimeUnit.MINUTES));
    System.out.printf("deleted namespace(s) %s in %.1f s%n", String.join(", ", names), (System.nanoTime() - start) / 1e9);
  }

  /** A new namespace named {@link #NAMESPACE_PREFIX} + what + a random suffix. */
  String createNamespace(String what) {
    String namespace = NAMESPACE_PREFIX + what + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    return namespace;
  }

  /**
   * Restarts the operator with the benchmark's arguments, so every run starts cold. A failing HTTP-01
   * self-check holds the CA back for production's 10m, not the 20s the local environment uses so
   * tests see the CA's verdict quickly: on a saturated machine a solver may take longer than 20s to
   * start, and asking the CA before it answers would measure a failure the product does not have.
   */
  void restartOperator() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("e2e/local/operator.sh", "start"));
    command.addAll(operatorArgs);
    ProcessBuilder builder = new ProcessBuilder(command).directory(projectDir.toFile()).inheritIO();
    builder.environment().putIfAbsent("CERTKEEPER_SELF_CHECK_TIMEOUT", OperatorSettings.DEFAULT_SELF_CHECK_LIMIT);
    Process process = builder.start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("could not restart the operator");
    }
  }

  long operatorPid() throws IOException {
    return Long.parseLong(Files.readString(projectDir.resolve(".local/run/operator.pid")).trim());
  }

  /** Resets the operator's peak RSS (VmHWM), so a run measures only its own peak. */
  void resetPeakRss() throws IOException {
    Files.writeString(Path.of("/proc/" + operatorPid() + "/clear_refs"), "5");
  }

  long peakRssMiB() throws IOException {
    return Files.readAllLines(Path.of("/proc/" + operatorPid() + "/status")).stream()
        .filter(line -> line.startsWith("VmHWM:"))
        .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
        .findFirst()
        .orElseThrow();
  }

  /** Requests the API server has served, from its own metrics. */
  double apiRequests() {
    return sumMetric(client.raw("/metrics"), "apiserver_request_total", labels -> true);
  }

  /** Requests the API server has served, by verb and resource (e.g. "PATCH certificates/status"). */
  Map<String, Double> apiRequestsByVerbAndResource() {
    Map<String, Double> counts = new java.util.TreeMap<>();
    client.raw("/metrics").lines()
        .filter(line -> line.startsWith("apiserver_request_total{"))
        .forEach(line -> {
          Map<String, String> labels = labels(line);
          String subresource = labels.getOrDefault("subresource", "");
          String key = labels.get("verb") + " " + labels.get("resource") + (subresource.isEmpty() ? "" : "/" + subresource);
          counts.merge(key, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
        });
    return counts;
  }

  /** The requests served between two snapshots, per certificate, largest first, as one line each. */
  static String perCertificate(Map<String, Double> before, Map<String, Double> after, int certificates) {
    StringBuilder lines = new StringBuilder();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / certificates))
        .filter(e -> e.getValue() >= 0.05)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> lines.append(String.format("  %6.2f  %s%n", e.getValue(), e.getKey())));
    return lines.toString();
  }

  /** Writes (create, update, patch, apply, delete) the API server has served. */
  double apiWrites() {
    return sumMetric(client.raw("/metrics"), "apiserver_request_total", labels -> WRITE_VERBS.contains(labels.get("verb")));
  }

  /** ACME requests the operator has sent, from its metrics endpoint; NaN when it does not answer. */
  double operatorAcmeRequests() {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient()
          .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9402/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? sumMetric(response.body(), "certmanager_http_acme_client_request_count", labels -> true) : Double.NaN;
    } catch (IOException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  /**
   * Creates the Certificates from 16 threads at once and waits (at most {@code limit}) until all
   * are Ready; the latencies are from each create to the Ready condition seen by a watch.
   */
  Burst burst(String namespace, List<String> names, Function<String, String> yaml, Duration limit) throws InterruptedException {
    Map<String, Long> created = new ConcurrentHashMap<>();
    Map<String, Long> ready = new ConcurrentHashMap<>();
    Set<String> measured = Set.copyOf(names);
    Watch watch =
        client.resources(Certificate.class).inNamespace(namespace).watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, Certificate certificate) {
            String name = certificate.getMetadata().getName();
            if (measured.contains(name) && certificate.getStatus() != null && Conditions.isTrue(certificate.getStatus().conditions(), "Ready")) {
              ready.putIfAbsent(name, System.nanoTime());
            }
          }

          @Override
          public void onClose(WatcherException cause) {}
        });
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    for (String name : names) {
      pool.submit(() -> {
        created.put(name, System.nanoTime());
        client.resource(load(Certificate.class, yaml.apply(name))).inNamespace(namespace).create();
      });
    }
    pool.shutdown();
    pool.awaitTermination(2, TimeUnit.MINUTES);
    long deadline = System.nanoTime() + limit.toNanos();
    while (ready.size() < names.size() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    watch.close();
    long end = ready.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
    List<Long> latencies = created.entrySet().stream()
        .filter(e -> ready.containsKey(e.getKey()))
        .map(e -> Duration.ofNanos(ready.get(e.getKey()) - e.getValue()).toMillis())
        .sorted()
        .collect(Collectors.toList());
    return new Burst(names.size(), ready.size(), latencies, Duration.ofNanos(end - start).toMillis());
  }

  <T> T load(Class<T> type, String yaml) {
    return client.getKubernetesSerialization().unmarshal(yaml, type);
  }

  @Override
  public void close() {
    client.close();
  }

  /** Sums the samples of a Prometheus counter whose labels pass the filter. */
  static double sumMetric(String exposition, String name, Predicate<Map<String, String>> labels) {
    return exposition.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> labels.test(labels(line)))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static Map<String, String> labels(String sample) {
    int open = sample.indexOf('{');
    int close = sample.lastIndexOf('}');
    if (open < 0 || close < open) {
      return Map.of();
    }
    Map<String, String> labels = new ConcurrentHashMap<>();
    for (String pair : sample.substring(open + 1, close).split(",(?=[a-zA-Z_]+=\")")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        labels.put(pair.substring(0, eq), pair.substring(eq + 1).replaceAll("^\"|\"$", ""));
      }
    }
    return labels;
  }

  /** The figures of one burst of Certificates. */
  record Burst(int total, int ready, List<Long> latenciesMillis, long totalMillis) {
    long percentile(int p) {
      return latenciesMillis.isEmpty() ? -1 : latenciesMillis.get(Math.min(latenciesMillis.size() - 1, (int) Math.ceil(p / 100.0 * latenciesMillis.size()) - 1));
    }

    String summary() {
      return String.format("%d/%d Ready; create->Ready p50 %d ms, p99 %d ms; all Ready in %.1f s", ready, total, percentile(50), percentile(99), totalMillis / 1000.0);
    }
  }
}
