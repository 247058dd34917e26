package dev.certkeeper.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Manifests a cert-manager user already has apply unchanged: the API server, asked with a
 * server-side dry-run apply, keeps every field as written (nothing pruned, nothing rewritten).
 */
@ExtendWith(LocalControlPlane.class)
class RealisticManifestsIT {
  private static KubernetesClient client;
  private static String namespace;

  @BeforeAll
  static void connect(LocalEnvironment environment) {
    client = environment.client();
    namespace = environment.createNamespace("realistic");
  }

  static List<Path> realistic() {
    return Manifests.corpus("realistic");
  }

  @Test
  void corpusCoversEveryKindWithAtLeastTwentyManifests() {
    List<String> kinds = realistic().stream().map(f -> Manifests.read(f).path("kind").asText()).distinct().sorted().toList();
    assertThat(realistic()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(kinds).containsExactly("Certificate", "CertificateRequest", "Challenge", "ClusterIssuer", "Issuer", "Order");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realistic")
  void appliesUnchanged(Path file) {
    ObjectNode manifest = Manifests.read(file);
    GenericKubernetesResource resource = client.getKubernetesSerialization().convertValue(manifest, GenericKubernetesResource.class);

    GenericKubernetesResource applied =
        Scoped.resource(client, resource, namespace).dryRun().fieldManager("certkeeper-test").forceConflicts().serverSideApply();

    JsonNode stored = client.getKubernetesSerialization().convertValue(applied, JsonNode.class);
    assertThat(Manifests.missingFrom(manifest.path("spec"), stored.path("spec"))).as("spec fields pruned or changed").isEmpty();
    assertThat(Manifests.missingFrom(manifest.path("metadata").path("labels"), stored.path("metadata").path("labels"))).isEmpty();
  }
}
