package dev.certkeeper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Test manifests kept under {@code src/test/resources/manifests}. */
public final class Manifests {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Manifests() {}

  /** The files of one corpus directory, sorted by name. */
  public static List<Path> corpus(String directory) {
    URL url = Manifests.class.getResource("/manifests/" + directory);
    if (url == null) {
      throw new IllegalStateException("no test manifests in manifests/" + directory);
    }
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One manifest file as a JSON tree. */
  public static ObjectNode read(Path file) {
    try {
      return (ObjectNode) YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One object of a known type from YAML text, as the API server would return it. */
  public static <T> T typed(String yaml, Class<T> type) {
    return SERIALIZATION.unmarshal(yaml, type);
  }

  /** One manifest from YAML text. */
  public static ObjectNode parse(String yaml) {
    try {
      return (ObjectNode) YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The paths in {@code expected} whose values {@code actual} lacks or holds differently: empty when
   * everything written survived (the server may add defaults and metadata, never drop or change).
   */
  public static List<String> missingFrom(JsonNode expected, JsonNode actual) {
    return diff("", expected, actual);
  }

  private static List<String> diff(String path, JsonNode expected, JsonNode actual) {
    if (expected.isObject()) {
      if (!actual.isObject()) {
        return List.of(path + " (not an object)");
      }
      return iterate(expected.fieldNames())
          .flatMap(name -> diff(path + "." + name, expected.get(name), actual.path(name)).stream())
          .toList();
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return List.of(path + " (list differs)");
      }
      return Stream.iterate(0, i -> i < expected.size(), i -> i + 1)
          .flatMap(i -> diff(path + "[" + i + "]", expected.get(i), actual.get(i)).stream())
          .toList();
    }
    boolean same =
        expected.isNumber() && actual.isNumber()
            ? expected.decimalValue().compareTo(actual.decimalValue()) == 0
            : expected.equals(actual);
    return same ? List.of() : List.of(path + " (" + expected + " became " + actual + ")");
  }

  private static <T> Stream<T> iterate(Iterator<T> iterator) {
    Iterable<T> iterable = () -> iterator;
    return StreamSupport.stream(iterable.spliterator(), false);
  }
}
