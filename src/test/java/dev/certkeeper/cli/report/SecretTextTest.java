package dev.certkeeper.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.pki.Pem;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretTextTest {
  private static final Instant NOW = Instant.now();

  @Test
  void showsEachCertificateTheKeyAndTheAnnotations() {
    String text = SecretText.render(SecretReport.of(ChainSamples.secret()), NOW);

    assertThat(text).contains(
        "Secret web-tls in namespace apps\n",
        "  Type:                 kubernetes.io/tls\n",
        "  Keys:                 ca.crt, tls.crt, tls.key\n",
        "  Chain:                each certificate is signed by the next; the last is signed by a certificate of ca.crt\n",
        "  Annotations:\n    KEY                               VALUE\n    cert-manager.io/certificate-name  web\n",
        "tls.crt certificate 1 of 2 (leaf)\n",
        "  DNS names:            web.example.com\n",
        "  IP addresses:         192.0.2.1\n",
        "  CA:                   no\n",
        "  Public key:           ECDSA P-384\n",
        "tls.crt certificate 2 of 2 (chain)\n",
        "  CA:                   yes\n",
        "tls.key private key\n  Algorithm:            ECDSA P-384\n  Matches the leaf:     yes\n",
        "ca.crt certificate 1 of 1\n  Subject:              CN=sample root\n");
    assertThat(text).containsPattern("  Not after:            \\S+ \\(in 89d\\)\n");
    assertThat(text).doesNotContain("last-applied-configuration");
  }

  @Test
  void flagsAChainThatDoesNotLinkUp() {
    Secret secret = ChainSamples.secret();
    String reversed = Pem.encodeCertificates(List.of(ChainSamples.CA.certificate(), ChainSamples.LEAF.certificate()));
    secret.getData().put("tls.crt", Base64.getEncoder().encodeToString(reversed.getBytes(StandardCharsets.UTF_8)));

    assertThat(SecretText.render(SecretReport.of(secret), NOW))
        .contains("  Chain:                BROKEN: certificate 1 (CN=sample root) is not signed by certificate 2 ()\n");
  }

  @Test
  void showsProblemsInsteadOfDetails() {
    Secret secret = ChainSamples.secret();
    secret.getData().remove("tls.crt");
    secret.getData().remove("ca.crt");

    String text = SecretText.render(SecretReport.of(secret), NOW);

    assertThat(text).contains("tls.crt\n  Problem:              the Secret has no tls.crt\n", "  Matches the leaf:     unknown (no leaf certificate)\n");
    assertThat(text).doesNotContain("ca.crt certificate");
  }
}
