package dev.certkeeper.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.certkeeper.api.ApiKinds;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Generates the CRDs in {@code crds/} from the API model: Fabric8's CRD generator, then the few
 * schema details cert-manager has and the generator cannot express. {@code make crds} runs
 * {@link #main}; {@code CommittedCrdsTest} fails the build when {@code crds/} is stale.
 */
public final class CrdWriter {
  /** The six kinds, in the order they are listed. */
  public static final List<Class<? extends HasMetadata>> KINDS = ApiKinds.ALL;

  /** cert-manager's {@code []byte} fields: base64 strings with {@code format: byte}, by CRD name. */
  private static final Map<String, List<String>> BYTE_FIELDS =
      Map.of(
          "issuers.cert-manager.io", List.of("spec.acme.caBundle"),
          "clusterissuers.cert-manager.io", List.of("spec.acme.caBundle"),
          "certificaterequests.cert-manager.io", List.of("spec.request", "status.certificate", "status.ca"),
          "orders.acme.cert-manager.io", List.of("spec.request", "status.certificate"));

  private static final String HEADER =
      "# Generated from the Java API model (src/main/java/dev/certkeeper/api) by `make crds`. Do not edit.\n";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .build());

  private CrdWriter() {}

  /** Writes the CRDs into the given directory, replacing the YAML files there. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "crds");
    Files.createDirectories(dir);
    try (Stream<Path> old = Files.list(dir)) {
      for (Path file : old.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.delete(file);
      }
    }
    for (Map.Entry<String, String> crd : generate().entrySet()) {
      Files.writeString(dir.resolve(crd.getKey()), crd.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** The CRD files as they belong in {@code crds/}: file name to YAML text. */
  public static Map<String, String> generate() {
    try {
      Path scratch = Files.createTempDirectory("certkeeper-crds");
      new CRDGenerator().customResourceClasses(KINDS.toArray(Class[]::new)).inOutputDir(scratch.toFile()).generate();
      Map<String, String> out = new TreeMap<>();
      try (Stream<Path> files = Files.list(scratch)) {
        for (Path file : files.toList()) {
          ObjectNode crd = (ObjectNode) YAML.readTree(file.toFile());
          String name = crd.path("metadata").path("name").asText();
          polish(name, crd, kindNamed(name));
          out.put(name + ".yaml", HEADER + YAML.writeValueAsString(crd));
          Files.delete(file);
        }
      }
      Files.delete(scratch);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Class<? extends HasMetadata> kindNamed(String crdName) {
    return KINDS.stream()
        .filter(kind -> crdName.equals(HasMetadata.getPlural(kind) + "." + HasMetadata.getGroup(kind)))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no kind for CRD " + crdName));
  }

  private static void polish(String name, ObjectNode crd, Class<? extends HasMetadata> kind) {
    orderPrinterColumns((ArrayNode) crd.at("/spec/versions/0/additionalPrinterColumns"), kind);
    ObjectNode schema = (ObjectNode) crd.at("/spec/versions/0/schema/openAPIV3Schema");
    dedupeValidations(schema);
    // Declared like cert-manager's CRDs do, so tools reading the schema find the standard fields.
    ObjectNode top = (ObjectNode) schema.get("properties");
    ObjectNode standard = top.objectNode();
    standard.putObject("apiVersion").put("type", "string");
    standard.putObject("kind").put("type", "string");
    standard.putObject("metadata").put("type", "object");
    standard.setAll(top);
    top.removeAll();
    top.setAll(standard);
    for (String path : BYTE_FIELDS.getOrDefault(name, List.of())) {
      property(schema, path).put("format", "byte");
    }
    // Conditions are a map keyed by type, as in cert-manager, so server-side apply merges them per type.
    JsonNode conditions = schema.at("/properties/status/properties/conditions");
    if (conditions instanceof ObjectNode list) {
      list.put("x-kubernetes-list-type", "map");
      list.putArray("x-kubernetes-list-map-keys").add("type");
    }
  }

  /** {@code kubectl get} shows columns in the order the kind declares them, as cert-manager's do. */
  private static void orderPrinterColumns(ArrayNode columns, Class<? extends HasMetadata> kind) {
    List<String> declared =
        Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class)).map(AdditionalPrinterColumn::name).toList();
    List<JsonNode> sorted = new ArrayList<>();
    columns.forEach(sorted::add);
    sorted.sort(Comparator.comparingInt(column -> declared.indexOf(column.path("name").asText())));
    columns.removeAll();
    columns.addAll(sorted);
  }

  /** Java records carry a component's annotations to the field and the accessor; keep each rule once. */
  private static void dedupeValidations(JsonNode node) {
    if (node instanceof ObjectNode object) {
      JsonNode rules = object.get("x-kubernetes-validations");
      if (rules instanceof ArrayNode list) {
        Set<JsonNode> unique = new LinkedHashSet<>();
        list.forEach(unique::add);
        list.removeAll();
        unique.forEach(list::add);
      }
    }
    node.forEach(CrdWriter::dedupeValidations);
  }

  private static ObjectNode property(ObjectNode schema, String dottedPath) {
    JsonNode node = schema;
    for (String part : dottedPath.split("\\.")) {
      node = node.path("properties").path(part);
    }
    if (!(node instanceof ObjectNode property)) {
      throw new IllegalStateException("no property " + dottedPath + " in the generated schema");
    }
    return property;
  }
}
