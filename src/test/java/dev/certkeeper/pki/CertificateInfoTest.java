package dev.certkeeper.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.certkeeper.api.certmanager.KeyUsage;
import dev.certkeeper.api.certmanager.OtherName;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateInfoTest {
  @TempDir Path directory;

  @Test
  void everyFieldOfTheSpecReadsBackFromTheIssuedCertificate() {
    Fixtures.Issued ca = Fixtures.selfSignedCa("Info CA", PrivateKeyAlgorithm.ECDSA, 256, Duration.ofDays(10));
    Fixtures.Issued issued = Fixtures.leaf(Fixtures.spec(
        """
        commonName: app.example.com
        subject:
          organizations: [Example, Example Holding]
          organizationalUnits: [Web]
          countries: [DE]
          localities: [Berlin]
          provinces: [Brandenburg]
          streetAddresses: [Unter den Linden 1]
          postalCodes: ["10117"]
          serialNumber: "1234"
        dnsNames: [app.example.com]
        ipAddresses: [192.0.2.10, "2001:0db8:0000::0001", "::ffff:198.51.100.7"]
        uris: ["spiffe://cluster.local/ns/app/sa/web"]
        emailAddresses: [ops@example.com]
        otherNames: [{oid: 1.3.6.1.4.1.311.20.2.3, utf8Value: upn@example.com}]
        usages: [server auth, signing]
        duration: 24h
        privateKey: {algorithm: ECDSA, size: 384}
        """), ca);

    CertificateInfo info = CertificateInfo.of(issued.certificate());

    assertThat(info.commonName()).isEqualTo("app.example.com");
    assertThat(info.organizations()).containsExactly("Example", "Example Holding");
    assertThat(info.organizationalUnits()).containsExactly("Web");
    assertThat(info.countries()).containsExactly("DE");
    assertThat(info.localities()).containsExactly("Berlin");
    assertThat(info.provinces()).containsExactly("Brandenburg");
    assertThat(info.streetAddresses()).containsExactly("Unter den Linden 1");
    assertThat(info.postalCodes()).containsExactly("10117");
    assertThat(info.serialNumber()).isEqualTo("1234");
    assertThat(info.issuerCommonName()).isEqualTo("Info CA");
    assertThat(info.dnsNames()).containsExactly("app.example.com");
    assertThat(info.ipAddresses()).containsExactly("192.0.2.10", "2001:db8::1", "198.51.100.7");
    assertThat(info.uris()).containsExactly("spiffe://cluster.local/ns/app/sa/web");
    assertThat(info.emailAddresses()).containsExactly("ops@example.com");
    assertThat(info.otherNames()).containsExactly(new OtherName("1.3.6.1.4.1.311.20.2.3", "upn@example.com"));
    assertThat(info.isCA()).isFalse();
    assertThat(info.usages()).containsExactly(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.SERVER_AUTH);
    assertThat(Duration.between(info.notBefore(), info.notAfter())).isEqualTo(Duration.ofHours(24));
    assertThat(info.notBefore()).isEqualTo(issued.certificate().getNotBefore().toInstant()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
    assertThat(PrivateKeys.matches(issued.keyPair().getPrivate(), info.publicKey())).isTrue();
  }

  @Test
  void certificatesFromElsewhereAreReadToo() {
    String key = Tools.write(directory, "key.pem", Tools.run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"));
    Tools.run("openssl", "req", "-x509", "-key", key, "-out", directory.resolve("cert.pem").toString(), "-days", "2",
        "-subj", "/CN=other.example.com/O=Other", "-addext", "subjectAltName=DNS:other.example.com,IP:10.0.0.1,email:a@other.example.com",
        "-addext", "keyUsage=critical,digitalSignature,keyCertSign", "-addext", "extendedKeyUsage=clientAuth,1.2.3.4");
    X509Certificate certificate = Pem.parseCertificates(Tools.read(directory.resolve("cert.pem"))).get(0);

    CertificateInfo info = CertificateInfo.of(certificate);

    assertThat(info.commonName()).isEqualTo("other.example.com");
    assertThat(info.organizations()).containsExactly("Other");
    assertThat(info.issuerCommonName()).isEqualTo("other.example.com");
    assertThat(info.alternativeNames()).isEqualTo(new AlternativeNames(List.of("other.example.com"), List.of("10.0.0.1"), List.of(), List.of("a@other.example.com"), List.of()));
    assertThat(info.isCA()).isTrue();
    assertThat(info.usages()).containsExactly(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.CERT_SIGN, KeyUsage.CLIENT_AUTH);
    assertThat(Duration.between(info.notBefore(), info.notAfter())).isEqualTo(Duration.ofDays(2));
  }
}
