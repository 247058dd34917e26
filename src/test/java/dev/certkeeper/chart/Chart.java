package dev.certkeeper.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.certkeeper.testing.Tools;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Helm chart {@code helm/certkeeper}, rendered and linted with the pinned helm. */
final class Chart {
  static final String DIR = "helm/certkeeper";
  static final String RELEASE = "certkeeper";
  static final String NAMESPACE = "certkeeper";
  /** Every optional value set: a ServiceMonitor, PrometheusRule, PodDisruptionBudget, default issuer, solver image, ... */
  static final Path ALL_VALUES = Tools.projectDir().resolve("src/test/resources/chart/all-values.yaml");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Chart() {}

  /** {@code helm template} of the chart as release {@code release} in {@code namespace}, with extra helm arguments. */
  static String template(String release, String namespace, String... helmArgs) {
    List<String> args = new ArrayList<>(List.of("template", release, DIR, "--namespace", namespace));
    args.addAll(List.of(helmArgs));
    return Tools.run("helm", Map.of(), null, args.toArray(String[]::new));
  }

  /** {@code helm lint --strict}'s output; the test fails if it exits non-zero. */
  static String lint(String... helmArgs) {
    List<String> args = new ArrayList<>(List.of("lint", "--strict", DIR));
    args.addAll(List.of(helmArgs));
    return Tools.run("helm", Map.of(), null, args.toArray(String[]::new));
  }

  /** The YAML documents of a multi-document text, empty ones left out. */
  static List<ObjectNode> documents(String yaml) {
    List<ObjectNode> documents = new ArrayList<>();
    try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
      while (values.hasNext()) {
        JsonNode document = values.next();
        if (document != null && document.isObject() && !document.isEmpty()) {
          documents.add((ObjectNode) document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /** The one document of that kind and name; fails when there is none or several. */
  static ObjectNode find(List<ObjectNode> documents, String kind, String name) {
    List<ObjectNode> found =
        documents.stream().filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.path("metadata").path("name").asText())).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind + " " + name + ", found " + found.size());
    }
    return found.get(0);
  }

  /**
   * The chart rendered without CRDs for a test's own namespace, which is also the release name, so
   * the cluster-wide objects of two test runs never collide.
   */
  static List<ObjectNode> renderedFor(String namespace) {
    return documents(template(namespace, namespace, "--set", "crds.enabled=false"));
  }

  /** Creates a rendered ClusterRole in the cluster. */
  static ClusterRole create(KubernetesClient client, ObjectNode role) {
    return client.resource(client.getKubernetesSerialization().unmarshal(role.toString(), ClusterRole.class)).create();
  }

  /** The documents of one kind. */
  static List<ObjectNode> ofKind(List<ObjectNode> documents, String kind) {
    return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }
}
