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
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A CA Issuer refuses what its CA certificate does not allow it to sign, with a message naming the
 * refused name and the constraint, and signs what it does allow: names outside the CA's name
 * constraints, and a subordinate CA under a CA of path length 0 (a CA from the user's own PKI:
 * Certificates have no path length field).
 */
@ExtendWith(LocalControlPlane.class)
class CaConstraintsIT {
  private static Fixture fixture;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "constraints");
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: selfsigned}\nspec: {selfSigned: {}}");
  }

  @Test
  void nameOutsideTheCaNameConstraintsFailsItsRequestNamingNameAndConstraintWhileANameInsideIsIssued() {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: constrained-ca}\n"
            + "spec: {isCA: true, commonName: example.com only, secretName: constrained-ca, privateKey: {algorithm: ECDSA},"
            + " nameConstraints: {critical: true, permitted: {dnsDomains: [example.com]}}, issuerRef: {name: selfsigned}}");
    fixture.awaitCertificate("constrained-ca", "True");
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: constrained}\nspec: {ca: {secretName: constrained-ca}}");
    fixture.awaitIssuer("constrained", "True");

    leaf("outside", "other.org", "constrained");
    leaf("inside", "app.example.com", "constrained");

    Certificate refused = awaitReadyMessage("outside", "DNS:other.org");
    assertThat(Fixture.condition(refused, "Ready").orElseThrow().message()).contains("permitted DNS:example.com");
    CertificateRequest failed = failedRequestOf("outside");
    assertThat(Conditions.find(failed.getStatus().conditions(), "Ready")).hasValueSatisfying(c -> {
      assertThat(c.reason()).isEqualTo("Failed");
      assertThat(c.message()).contains("name constraints do not allow DNS:other.org", "permitted DNS:example.com");
    });
    assertThat(fixture.secret("outside").map(s -> s.getData() == null || !s.getData().containsKey("tls.crt")).orElse(true)).as("no certificate stored").isTrue();

    fixture.awaitCertificate("inside", "True");
    Secret issued = fixture.secret("inside").orElseThrow();
    Path chain = Openssl.file("inside", Fixture.data(issued, "tls.crt"));
    Path root = Openssl.file("inside-ca", Fixture.data(issued, "ca.crt"));
    assertThat(Openssl.run("verify", "-CAfile", root.toString(), chain.toString())).contains(": OK");
    assertThat(Openssl.run("x509", "-in", root.toString(), "-noout", "-text")).containsPattern("X509v3 Name Constraints: critical\\s+Permitted:\\s+DNS:example.com");
  }

  @Test
  void caOfPathLengthZeroRefusesToSignASubordinateCaButSignsALeaf() throws IOException {
    Path directory = Files.createTempDirectory("pathlen0");
    Path key = directory.resolve("tls.key");
    Path crt = directory.resolve("tls.crt");
    Openssl.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=pathlen zero CA",
        "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        "-keyout", key.toString(), "-out", crt.toString(), "-days", "30");
    fixture.client.resource(new SecretBuilder().withNewMetadata().withName("pathlen-zero").withNamespace(fixture.namespace).endMetadata()
            .withType("kubernetes.io/tls").addToStringData("tls.crt", Files.readString(crt)).addToStringData("tls.key", Files.readString(key)).build())
        .create();
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: pathlen-zero}\nspec: {ca: {secretName: pathlen-zero}}");
    fixture.awaitIssuer("pathlen-zero", "True");

    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: sub-ca}\n"
            + "spec: {isCA: true, commonName: sub CA, secretName: sub-ca, privateKey: {algorithm: ECDSA}, issuerRef: {name: pathlen-zero}}");
    leaf("under-pathlen-zero", "leaf.example.com", "pathlen-zero");

    awaitReadyMessage("sub-ca", "path length 0");
    fixture.awaitCertificate("under-pathlen-zero", "True");
    Secret issued = fixture.secret("under-pathlen-zero").orElseThrow();
    assertThat(Openssl.run("verify", "-CAfile", crt.toString(), Openssl.file("under-pathlen-zero", Fixture.data(issued, "tls.crt")).toString())).contains(": OK");
  }

  private static void leaf(String name, String dnsName, String issuer) {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + "}\n"
            + "spec: {secretName: " + name + ", dnsNames: [" + dnsName + "], privateKey: {algorithm: ECDSA}, issuerRef: {name: " + issuer + "}}");
  }

  private static Certificate awaitReadyMessage(String name, String text) {
    return Await.until(
        Fixture.TIMEOUT, "Certificate " + name + " Ready=False with a message containing \"" + text + "\"",
        () -> Optional.ofNullable(fixture.certificate(name))
            .filter(c -> Fixture.condition(c, "Ready").map(r -> r.status().name().equals("FALSE") && r.message() != null && r.message().contains(text)).orElse(false)),
        () -> String.valueOf(fixture.certificate(name).getStatus()));
  }

  /**
   * The Certificate's request once it has failed. A retry after the back-off replaces the request
   * with a fresh one that has no status yet, so this waits for a failed one rather than taking the first.
   */
  private static CertificateRequest failedRequestOf(String certificate) {
    return Await.until(
        Fixture.TIMEOUT, "a failed CertificateRequest for " + certificate,
        () -> fixture.requests().stream()
            .filter(r -> certificate.equals(r.getMetadata().getAnnotations().get("cert-manager.io/certificate-name")))
            .filter(r -> r.getStatus() != null && Conditions.find(r.getStatus().conditions(), "Ready").map(c -> "Failed".equals(c.reason())).orElse(false))
            .findFirst(),
        () -> String.valueOf(fixture.requests()));
  }
}
