package dev.certkeeper.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.KeyUsage;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TemporaryCertificatesTest {
  @Test
  void aTemporaryCertificateCarriesTheSpecsNamesForAnHour() throws Exception {
    CertificateSpec spec = Fixtures.spec(
        "commonName: app.example.com\ndnsNames: [app.example.com, www.example.com]\nipAddresses: [192.0.2.1]\nduration: 2160h\nusages: [server auth]");
    KeyPair keyPair = PrivateKeys.generate(spec.effectivePrivateKey());

    X509Certificate certificate = TemporaryCertificates.selfSigned(keyPair, spec);
    CertificateInfo info = CertificateInfo.of(certificate);

    certificate.verify(keyPair.getPublic());
    assertThat(info.commonName()).isEqualTo("app.example.com");
    assertThat(info.dnsNames()).containsExactly("app.example.com", "www.example.com");
    assertThat(info.ipAddresses()).containsExactly("192.0.2.1");
    assertThat(info.usages()).containsExactly(KeyUsage.SERVER_AUTH);
    assertThat(Duration.between(info.notBefore(), info.notAfter())).isEqualTo(Duration.ofHours(1));
    assertThat(PrivateKeys.matches(keyPair.getPrivate(), info.publicKey())).isTrue();
  }
}
