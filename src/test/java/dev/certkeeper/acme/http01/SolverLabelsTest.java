package dev.certkeeper.acme.http01;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SolverLabelsTest {
  @Test
  void identityLabelsAreTheAdler32ChecksumsInDecimalAsCertManagerWritesThem() {
    assertThat(SolverLabels.identity(Challenges.challenge("app.example.com", Challenges.ingressClassName("nginx")))).containsExactly(
        Map.entry("acme.cert-manager.io/http01-solver", "true"),
        Map.entry("acme.cert-manager.io/http-domain", "776668617"),
        Map.entry("acme.cert-manager.io/http-token", "1045302814"));
  }

  @Test
  void noLayerCanReplaceAnIdentityLabel() {
    Map<String, String> merged = SolverLabels.merged(
        Challenges.challenge("app.example.com", Challenges.ingressClassName("nginx")),
        Map.of("team", "web", "acme.cert-manager.io/http01-solver", "false"),
        Map.of("team", "edge", "acme.cert-manager.io/http-token", "1"));
    assertThat(merged)
        .containsEntry("team", "edge")
        .containsEntry("acme.cert-manager.io/http01-solver", "true")
        .containsEntry("acme.cert-manager.io/http-token", "1045302814");
  }
}
