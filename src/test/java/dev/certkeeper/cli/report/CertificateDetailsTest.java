package dev.certkeeper.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.pki.Fixtures;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CertificateDetailsTest {
  @Test
  void splitsKeyUsagesFromExtendedKeyUsages() {
    Fixtures.Issued leaf = Fixtures.leaf(
        Fixtures.spec("commonName: app\ndnsNames: [app.example.com]\nuris: [spiffe://cluster/app]\nemailAddresses: [ops@example.com]\n"
            + "usages: [digital signature, key encipherment, server auth, client auth]"),
        ChainSamples.CA);

    CertificateDetails details = CertificateDetails.of(leaf.certificate());

    assertThat(details.subject()).isEqualTo("CN=app");
    assertThat(details.keyUsages()).containsExactly("digital signature", "key encipherment");
    assertThat(details.extendedKeyUsages()).containsExactly("server auth", "client auth");
    assertThat(details.uris()).containsExactly("spiffe://cluster/app");
    assertThat(details.emailAddresses()).containsExactly("ops@example.com");
    assertThat(details.publicKey()).isEqualTo("RSA 2048");
    assertThat(details.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
  }

  @Test
  void printsSerialAndFingerprintsInHexAsOpensslDoes() throws Exception {
    CertificateDetails details = CertificateDetails.of(ChainSamples.CA.certificate());

    assertThat(details.serialNumber()).matches("([0-9A-F]{2})+");
    assertThat(new BigInteger(details.serialNumber(), 16)).isEqualTo(ChainSamples.CA.certificate().getSerialNumber());
    byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(ChainSamples.CA.certificate().getEncoded());
    assertThat(details.sha256Fingerprint()).isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256)).hasSize(32 * 3 - 1);
    assertThat(details.sha1Fingerprint()).hasSize(20 * 3 - 1);
    assertThat(details.isCA()).isTrue();
    assertThat(details.keyUsages()).contains("cert sign");
  }
}
