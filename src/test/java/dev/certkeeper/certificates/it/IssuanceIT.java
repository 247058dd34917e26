package dev.certkeeper.certificates.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.Openssl;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A Certificate becomes a valid TLS Secret through SelfSigned and CA issuers, as openssl reads it. */
@ExtendWith(LocalControlPlane.class)
class IssuanceIT {
  private static Fixture fixture;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "issuance");
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: selfsigned}\nspec: {selfSigned: {}}");
    fixture.create(
        Certificate.class,
        """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: root-ca}
        spec:
          isCA: true
          commonName: certkeeper test root
          secretName: root-ca
          privateKey: {algorithm: ECDSA, size: 256}
          issuerRef: {name: selfsigned}
        """);
    fixture.awaitCertificate("root-ca", "True");
    fixture.create(
        Issuer.class,
        """
        apiVersion: cert-manager.io/v1
        kind: Issuer
        metadata: {name: ca}
        spec:
          ca:
            secretName: root-ca
            crlDistributionPoints: [http://crl.example.com/root.crl]
            ocspServers: [http://ocsp.example.com]
            issuingCertificateURLs: [http://ca.example.com/root.crt]
        """);
    fixture.awaitIssuer("ca", "True");
  }

  @Test
  void selfSignedCertificateBecomesATlsSecret() {
    fixture.create(
        Certificate.class,
        """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: self}
        spec:
          secretName: self-tls
          commonName: self.example.com
          dnsNames: [self.example.com, www.self.example.com]
          ipAddresses: [192.0.2.10]
          issuerRef: {name: selfsigned}
        """);
    Certificate certificate = fixture.awaitCertificate("self", "True");

    assertThat(certificate.getStatus().revision()).isEqualTo(1);
    assertThat(certificate.getStatus().notBefore()).isNotNull();
    assertThat(certificate.getStatus().notAfter()).isNotNull();
    assertThat(certificate.getStatus().renewalTime()).isNotNull();
    Secret secret = fixture.secret("self-tls").orElseThrow();
    assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(secret.getMetadata().getLabels()).containsEntry("controller.cert-manager.io/fao", "true");
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry("cert-manager.io/certificate-name", "self")
        .containsEntry("cert-manager.io/issuer-name", "selfsigned")
        .containsEntry("cert-manager.io/issuer-kind", "Issuer")
        .containsEntry("cert-manager.io/issuer-group", "cert-manager.io")
        .containsEntry("cert-manager.io/common-name", "self.example.com")
        .containsEntry("cert-manager.io/alt-names", "self.example.com,www.self.example.com")
        .containsEntry("cert-manager.io/ip-sans", "192.0.2.10");

    Path crt = Openssl.file("self", Fixture.data(secret, "tls.crt"));
    Path ca = Openssl.file("self-ca", Fixture.data(secret, "ca.crt"));
    assertThat(Openssl.run("verify", "-CAfile", ca.toString(), crt.toString())).contains(": OK");
    String text = Openssl.run("x509", "-in", crt.toString(), "-noout", "-text");
    assertThat(text).contains("DNS:self.example.com", "DNS:www.self.example.com", "IP Address:192.0.2.10", "CN = self.example.com");
    assertThat(Openssl.run("pkey", "-in", Openssl.file("self-key", Fixture.data(secret, "tls.key")).toString(), "-noout", "-text"))
        .contains("Private-Key: (2048 bit");
    assertThat(Fixture.text(secret, "tls.key")).startsWith("-----BEGIN RSA PRIVATE KEY-----");
  }

  @Test
  void caIssuerSignsAChainThatVerifiesAndCarriesItsUrls() {
    fixture.create(
        Certificate.class,
        """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: web}
        spec:
          secretName: web-tls
          dnsNames: [web.example.com]
          usages: [server auth, client auth, digital signature]
          duration: 720h
          privateKey: {algorithm: ECDSA, size: 384, encoding: PKCS8}
          issuerRef: {name: ca}
        """);
    Certificate certificate = fixture.awaitCertificate("web", "True");
    Secret secret = fixture.secret("web-tls").orElseThrow();
    Path chain = Openssl.file("web", Fixture.data(secret, "tls.crt"));
    Path root = Openssl.file("web-ca", Fixture.data(secret, "ca.crt"));

    assertThat(Openssl.run("verify", "-CAfile", root.toString(), chain.toString())).contains(": OK");
    String text = Openssl.run("x509", "-in", chain.toString(), "-noout", "-text");
    assertThat(text)
        .contains("DNS:web.example.com", "Issuer: CN = certkeeper test root", "TLS Web Server Authentication", "TLS Web Client Authentication")
        .contains("http://crl.example.com/root.crl", "OCSP - URI:http://ocsp.example.com", "CA Issuers - URI:http://ca.example.com/root.crt")
        .contains("NIST CURVE: P-384");
    assertThat(Fixture.text(secret, "tls.key")).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Fixture.text(secret, "ca.crt")).isEqualTo(new String(Fixture.data(fixture.secret("root-ca").orElseThrow(), "tls.crt"), StandardCharsets.UTF_8));
    assertThat(java.time.Duration.between(java.time.Instant.parse(certificate.getStatus().notBefore()), java.time.Instant.parse(certificate.getStatus().notAfter())))
        .isEqualTo(java.time.Duration.ofHours(720));
  }

  @Test
  void requestIsApprovedSignedAndAnnotatedForItsRevision() {
    fixture.create(
        Certificate.class,
        """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: annotated, labels: {team: payments}}
        spec: {secretName: annotated-tls, dnsNames: [annotated.example.com], issuerRef: {name: ca}}
        """);
    Certificate certificate = fixture.awaitCertificate("annotated", "True");
    CertificateRequest request = fixture.client.resources(CertificateRequest.class).inNamespace(fixture.namespace).withName("annotated-1").get();

    assertThat(request.getMetadata().getAnnotations())
        .containsEntry("cert-manager.io/certificate-name", "annotated")
        .containsEntry("cert-manager.io/certificate-revision", "1")
        .containsKey("cert-manager.io/private-key-secret-name");
    assertThat(request.getMetadata().getLabels()).containsEntry("team", "payments");
    assertThat(request.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getUid()).isEqualTo(certificate.getMetadata().getUid()));
    assertThat(Conditions.find(request.getStatus().conditions(), "Approved")).hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("cert-manager.io"));
    assertThat(Conditions.find(request.getStatus().conditions(), "Ready")).hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("Issued"));
    fixture.awaitEventReasons(certificate, "Issuing", "Generated", "Requested");
    assertThat(certificate.getStatus().nextPrivateKeySecretName()).isNull();
    // The next key is deleted by the reconciliation after the one that stored the certificate, so a
    // crash between the two never loses it: Ready can be seen a moment before the deletion.
    Await.until(
        Duration.ofSeconds(30),
        "the next-key Secret is gone once the certificate is stored",
        () -> Optional.of(true).filter(x -> fixture.client.secrets().inNamespace(fixture.namespace).withLabel("cert-manager.io/next-private-key", "true").list().getItems()
            .stream().noneMatch(s -> s.getMetadata().getOwnerReferences().stream().anyMatch(o -> o.getUid().equals(certificate.getMetadata().getUid())))),
        () -> "a next-key Secret owned by Certificate annotated is still there");
  }
}
