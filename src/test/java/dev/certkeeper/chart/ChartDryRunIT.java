package dev.certkeeper.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.Tools;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API server accepts what users apply: the chart rendered with defaults and with every optional
 * value, deploy/certkeeper.yaml and every example, through server-side apply with server-side dry
 * run (full validation and admission, strict field validation, nothing stored).
 */
@ExtendWith(LocalControlPlane.class)
class ChartDryRunIT {
  private static final List<String> MONITORING_CRDS = List.of("servicemonitors.monitoring.coreos.com", "prometheusrules.monitoring.coreos.com");

  private static Map<String, String> kubeconfig;
  private static String namespace;
  private static String pebbleCaBundle;

  @BeforeAll
  static void connect(LocalEnvironment environment) {
    kubeconfig = Map.of("KUBECONFIG", environment.env("KUBECONFIG"));
    namespace = environment.createNamespace("chart");
    // The API server then warns about any Pod template below the restricted Pod Security Standard.
    environment.client().namespaces().withName(namespace)
        .edit(n -> new NamespaceBuilder(n).editMetadata().addToLabels("pod-security.kubernetes.io/warn", "restricted").endMetadata().build());
    pebbleCaBundle = environment.env("PEBBLE_CA_BUNDLE");
    installMonitoringCrds(environment.client());
  }

  /** The optional ServiceMonitor and PrometheusRule need their kinds served; see the stand-in CRDs' comment. */
  private static void installMonitoringCrds(KubernetesClient client) {
    Tools.run("kubectl", kubeconfig, null, "apply", "--server-side", "--field-manager=certkeeper-chart-test", "-f",
        Tools.projectDir().resolve("src/test/resources/chart/monitoring-crds.yaml").toString());
    for (String name : MONITORING_CRDS) {
      Await.until(Duration.ofSeconds(30), name + " established", () -> {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
        boolean established = crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));
        return established ? Optional.of(crd) : Optional.empty();
      }, () -> String.valueOf(client.apiextensions().v1().customResourceDefinitions().withName(name).get()));
    }
  }

  @Test
  void defaultRenderIsAccepted() throws IOException {
    assertAccepted(Chart.template(Chart.RELEASE, Chart.NAMESPACE), null);
  }

  @Test
  void renderWithEveryOptionalValueIsAccepted() throws IOException {
    String rendered = Chart.template("ck", namespace, "-f", Chart.ALL_VALUES.toString());
    assertThat(rendered).contains("kind: ServiceMonitor", "kind: PrometheusRule", "kind: PodDisruptionBudget");
    Tools.Result result = assertAccepted(rendered, null);
    assertThat(result.stderr()).as("Pod Security warnings").doesNotContain("PodSecurity");
  }

  @Test
  void deployManifestIsAccepted() throws IOException {
    assertAccepted(Files.readString(Tools.projectDir().resolve(DeployManifests.MANIFEST)), null);
  }

  static Stream<String> examples() throws IOException {
    try (Stream<Path> files = Files.list(Tools.projectDir().resolve("deploy/examples"))) {
      return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml")).sorted().toList().stream();
    }
  }

  /**
   * Each example as `make demo` and the docs apply it: demo.yaml with the Pebble CA substituted (and
   * its namespace replaced by this test's, which exists, since a dry run creates no namespace);
   * ingress.yaml, which names no namespace, into this test's.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleIsAccepted(String example) throws IOException {
    String text = Files.readString(Tools.projectDir().resolve("deploy/examples").resolve(example));
    if (example.equals("demo.yaml")) {
      assertThat(text).contains("${PEBBLE_CA_BUNDLE}");
      text = text.replace("${PEBBLE_CA_BUNDLE}", pebbleCaBundle).replace("certkeeper-demo", namespace);
    }
    assertAccepted(text, example.equals("ingress.yaml") ? namespace : null);
  }

  /** Applies the objects with server-side dry run; every one must be reported as applied. */
  private static Tools.Result assertAccepted(String manifests, String defaultNamespace) throws IOException {
    int objects = Chart.documents(manifests).size();
    assertThat(objects).isPositive();
    Path file = Files.createTempFile("certkeeper-dry-run", ".yaml");
    try {
      Files.writeString(file, manifests);
      List<String> args = new ArrayList<>(
          List.of("apply", "--server-side", "--dry-run=server", "--force-conflicts", "--field-manager=certkeeper-chart-test", "-f", file.toString()));
      if (defaultNamespace != null) {
        args.add("--namespace=" + defaultNamespace);
      }
      Tools.Result result = Tools.tryRun("kubectl", kubeconfig, null, args.toArray(String[]::new));
      assertThat(result.exitCode()).as("kubectl apply --dry-run=server:\n" + result.stderr() + result.stdout()).isZero();
      assertThat(result.stdout().lines().filter(line -> line.endsWith("serverside-applied (server dry run)")))
          .as(result.stdout())
          .hasSize(objects);
      return result;
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
