package dev.certkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.certkeeper.api.crd.CrdWriter;
import dev.certkeeper.testing.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every realistic manifest reads into the typed model and writes back to exactly what it was. */
class ModelRoundTripTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static List<Path> realistic() {
    return Manifests.corpus("realistic");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realistic")
  void manifestSurvivesTheTypedModel(Path file) {
    ObjectNode original = Manifests.read(file);
    Class<? extends HasMetadata> kind = kindOf(original);

    HasMetadata typed = SERIALIZATION.convertValue(original, kind);
    JsonNode written = SERIALIZATION.convertValue(typed, JsonNode.class);

    assertThat(Manifests.missingFrom(original, written)).as("fields lost or changed").isEmpty();
    assertThat(Manifests.missingFrom(written, original)).as("fields added").isEmpty();
  }

  private static Class<? extends HasMetadata> kindOf(JsonNode manifest) {
    return CrdWriter.KINDS.stream()
        .filter(k -> HasMetadata.getKind(k).equals(manifest.path("kind").asText()))
        .filter(k -> HasMetadata.getApiVersion(k).equals(manifest.path("apiVersion").asText()))
        .findFirst()
        .orElseThrow();
  }
}
