package dev.certkeeper.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The build fails when the chart's CRDs or deploy/certkeeper.yaml no longer match their sources. */
class DeployManifestsTest {
  @Test
  void chartShipsTheCommittedCrds() throws IOException {
    assertThat(DeployManifests.crds(Tools.projectDir().resolve(DeployManifests.CHART_CRDS)))
        .as(DeployManifests.CHART_CRDS + " differs from crds/: run `make deploy-manifests` and commit the result")
        .isEqualTo(DeployManifests.crds(Tools.projectDir().resolve("crds")));
  }

  @Test
  void deployManifestIsTheChartRenderedWithDefaults() throws IOException {
    assertThat(Files.readString(Tools.projectDir().resolve(DeployManifests.MANIFEST)))
        .as(DeployManifests.MANIFEST + " is stale: run `make deploy-manifests` and commit the result")
        .isEqualTo(DeployManifests.manifest());
  }
}
