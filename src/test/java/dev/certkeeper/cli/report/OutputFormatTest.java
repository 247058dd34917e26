package dev.certkeeper.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.certkeeper.testing.Manifests;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
  private final CertificateChainReport report = CertificateChainReport.of(ChainSamples.chain());

  @Test
  void jsonHoldsTheSameDataAsTheText() throws Exception {
    JsonNode json = new ObjectMapper().readTree(OutputFormat.JSON.write(report));

    assertThat(json.at("/certificate/name").asText()).isEqualTo("web");
    assertThat(json.at("/certificate/conditions/1/reason").asText()).isEqualTo("ManuallyTriggered");
    assertThat(json.at("/secret/certificate/dnsNames/0").asText()).isEqualTo("web.example.com");
    assertThat(json.at("/certificateRequest/revision").asInt()).isEqualTo(2);
    assertThat(json.at("/order/state").asText()).isEqualTo("pending");
    assertThat(json.at("/challenges/0/events/0/reason").asText()).isEqualTo("Presented");
  }

  @Test
  void yamlIsOneDocumentWithoutAbsentValues() {
    String yaml = OutputFormat.YAML.write(report);

    assertThat(yaml).startsWith("certificate:\n  name: web\n").doesNotContain("---", "null");
    assertThat(Manifests.parse(yaml).at("/issuer/found").asBoolean()).isTrue();
    assertThat(Manifests.parse(yaml).at("/secret/problem").isMissingNode()).isTrue();
  }
}
