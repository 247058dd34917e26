package dev.certkeeper.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.api.certmanager.PrivateKeyEncoding;
import dev.certkeeper.pki.Fixtures;
import dev.certkeeper.pki.PrivateKeys;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretReportTest {
  @Test
  void decodesEveryCertificateOfTheChainTheKeyAndTheCa() {
    SecretReport report = SecretReport.of(ChainSamples.secret());

    assertThat(report.hasCertificate()).isTrue();
    assertThat(report.chain()).extracting(CertificateDetails::subject).containsExactly("", "CN=sample root");
    assertThat(report.chain().get(0).isCA()).isFalse();
    assertThat(report.chain().get(1).isCA()).isTrue();
    assertThat(report.privateKey()).isEqualTo(new SecretReport.PrivateKeyDetails("ECDSA P-384", true, null));
    assertThat(report.ca()).singleElement().satisfies(ca -> assertThat(ca.subject()).isEqualTo("CN=sample root"));
    assertThat(report.keys()).containsExactly("ca.crt", "tls.crt", "tls.key");
    assertThat(report.chainProblem()).isNull();
    assertThat(report.caProblem()).isNull();
    assertThat(report.chainCheck().linked()).isTrue();
  }

  @Test
  void keepsOnlyTheCertManagerAnnotations() {
    assertThat(SecretReport.of(ChainSamples.secret()).annotations())
        .containsOnlyKeys("cert-manager.io/certificate-name", "cert-manager.io/issuer-name")
        .containsEntry("cert-manager.io/issuer-name", "pebble");
  }

  @Test
  void saysWhenTheKeyIsNotTheLeafsKey() {
    Secret secret = ChainSamples.secret();
    String otherKey = PrivateKeys.toPem(Fixtures.keyPair(PrivateKeyAlgorithm.ECDSA, 384).getPrivate(), PrivateKeyEncoding.PKCS1);
    secret.getData().put("tls.key", base64(otherKey));

    assertThat(SecretReport.of(secret).privateKey()).isEqualTo(new SecretReport.PrivateKeyDetails("ECDSA P-384", false, null));
  }

  @Test
  void namesEachPartThatCannotBeRead() {
    Secret secret = ChainSamples.secret();
    secret.getData().put("tls.crt", base64("garbage"));
    secret.getData().put("ca.crt", base64("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    secret.getData().remove("tls.key");

    SecretReport report = SecretReport.of(secret);

    assertThat(report.hasCertificate()).isFalse();
    assertThat(report.chainProblem()).startsWith("tls.crt: no PEM certificate found");
    assertThat(report.caProblem()).startsWith("ca.crt: PEM block 1 (CERTIFICATE) is not a valid X.509 certificate");
    assertThat(report.privateKey().problem()).isEqualTo("the Secret has no tls.key");
    assertThat(report.chainCheck()).isNull();
  }

  @Test
  void aSecretWithoutTlsCrtHasNoCertificateAndNoCaIsNoProblem() {
    Secret secret = ChainSamples.secret();
    secret.getData().remove("tls.crt");
    secret.getData().remove("ca.crt");

    SecretReport report = SecretReport.of(secret);

    assertThat(report.chainProblem()).isEqualTo("the Secret has no tls.crt");
    assertThat(report.caProblem()).isNull();
    assertThat(report.privateKey().matchesLeaf()).isNull();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
