package dev.certkeeper.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every field path of cert-manager's v1 CRDs (src/test/resources/compat, a copy of the shared
 * compatibility list) is accepted by certkeeper's CRDs: declared with cert-manager's type and enum,
 * or inside a subtree that keeps unknown fields, so nothing a user wrote is pruned.
 */
class SchemaAcceptsCertManagerFieldsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, JsonNode> SCHEMA_BY_KIND = new HashMap<>();
  private static final List<String[]> FIELDS = new ArrayList<>();

  @BeforeAll
  static void load() throws IOException {
    for (Map.Entry<String, String> crd : CrdWriter.generate().entrySet()) {
      JsonNode tree = YAML.readTree(crd.getValue());
      String key = tree.at("/spec/group").asText() + "/v1/" + tree.at("/spec/names/kind").asText();
      SCHEMA_BY_KIND.put(key, tree.at("/spec/versions/0/schema/openAPIV3Schema"));
    }
    try (BufferedReader tsv =
        new BufferedReader(
            new InputStreamReader(
                SchemaAcceptsCertManagerFieldsTest.class.getResourceAsStream("/compat/cert-manager-v1-schema.tsv"),
                StandardCharsets.UTF_8))) {
      tsv.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).map(line -> line.split("\t")).forEach(FIELDS::add);
    }
  }

  @Test
  void everyCertManagerFieldIsAccepted() {
    assertThat(FIELDS).hasSizeGreaterThan(1900);
    List<String> problems = new ArrayList<>();
    for (String[] field : FIELDS) {
      String problem = check(field[0], field[1]);
      if (problem != null) {
        problems.add(field[0] + ": " + problem);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void preservedSubtreesAreOnlyThoseOfFeaturesNotBuiltYet() {
    TreeSet<String> preserved = new TreeSet<>();
    for (String[] field : FIELDS) {
      String at = preservedAncestor(field[0]);
      if (at != null) {
        preserved.add(at.replace("cert-manager.io/v1/ClusterIssuer", "cert-manager.io/v1/Issuer"));
      }
    }
    assertThat(preserved)
        .allSatisfy(
            path -> assertThat(path).matches(".*\\.(vault|venafi\\.(tpp|cloud|ngts)|dns01\\.(acmeDNS|akamai|azureDNS|cloudDNS|cloudflare|digitalocean|route53|webhook))"));
  }

  /** Null when the path is accepted as cert-manager declares it, else what is wrong. */
  private static String check(String path, String type) {
    JsonNode node = resolve(path);
    if (node == null) {
      return "not declared and not inside a subtree that keeps unknown fields";
    }
    if (node.isMissingNode()) {
      return null; // inside a preserved subtree: any value is kept
    }
    String[] typeAndEnum = type.split(" enum=");
    String expected = typeAndEnum[0];
    if (expected.equals("x-int-or-string")) {
      return node.path("x-kubernetes-int-or-string").asBoolean() ? null : "not int-or-string";
    }
    if (!node.has("type") && node.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
      return null; // free-form JSON, as cert-manager's webhook config
    }
    if (!expected.equals(node.path("type").asText())) {
      return "type " + node.path("type").asText() + ", cert-manager has " + expected;
    }
    if (typeAndEnum.length == 2) {
      TreeSet<String> theirs = new TreeSet<>(Arrays.asList(typeAndEnum[1].split("\\|")));
      TreeSet<String> ours = new TreeSet<>();
      node.path("enum").forEach(value -> ours.add(value.asText()));
      if (!theirs.equals(ours)) {
        return "enum " + ours + ", cert-manager has " + theirs;
      }
    }
    return null;
  }

  /** The schema node for a path, MissingNode inside a preserved subtree, or null if rejected. */
  private static JsonNode resolve(String path) {
    String[] steps = steps(path);
    JsonNode node = SCHEMA_BY_KIND.get(steps[0]);
    for (int i = 1; i < steps.length && node != null && !node.isMissingNode(); i++) {
      node = step(node, steps[i]);
    }
    return node;
  }

  private static String preservedAncestor(String path) {
    String[] steps = steps(path);
    JsonNode node = SCHEMA_BY_KIND.get(steps[0]);
    StringBuilder at = new StringBuilder(steps[0]);
    for (int i = 1; i < steps.length && node != null && !node.isMissingNode(); i++) {
      if (node.path("x-kubernetes-preserve-unknown-fields").asBoolean() && !node.has("properties")) {
        return at.toString();
      }
      node = step(node, steps[i]);
      if (!steps[i].equals("[]") && !steps[i].equals("{}")) {
        at.append('.').append(steps[i]);
      }
    }
    return null;
  }

  private static JsonNode step(JsonNode node, String step) {
    JsonNode next =
        switch (step) {
          case "[]" -> node.get("items");
          case "{}" -> node.get("additionalProperties");
          default -> node.path("properties").get(step);
        };
    if (next != null) {
      return next;
    }
    return node.path("x-kubernetes-preserve-unknown-fields").asBoolean() ? MissingNode.getInstance() : null;
  }

  /** "cert-manager.io/v1/Issuer.spec.acme.solvers[].selector.matchLabels{}" to kind and steps. */
  private static String[] steps(String path) {
    int dot = path.indexOf('.', path.lastIndexOf('/'));
    String kind = dot < 0 ? path : path.substring(0, dot);
    List<String> steps = new ArrayList<>(List.of(kind));
    if (dot >= 0) {
      for (String part : path.substring(dot + 1).split("\\.")) {
        String name = part.replaceAll("(\\[\\]|\\{\\})+$", "");
        steps.add(name);
        String suffix = part.substring(name.length());
        for (int i = 0; i < suffix.length(); i += 2) {
          steps.add(suffix.substring(i, i + 2));
        }
      }
    }
    return steps.toArray(String[]::new);
  }
}
