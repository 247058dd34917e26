package dev.certkeeper.certificates.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.Openssl;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Keystores, extra output formats and the secretTemplate end up in the Secret, readable by openssl and Java. */
@ExtendWith(LocalControlPlane.class)
class SecretContentsIT {
  private static Fixture fixture;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "contents");
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: selfsigned}\nspec: {selfSigned: {}}");
    fixture.client.resource(new SecretBuilder().withNewMetadata().withName("jks-password").withNamespace(fixture.namespace).endMetadata()
        .addToStringData("password", "jks-secret").build()).create();
    fixture.create(
        Certificate.class,
        """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: stores}
        spec:
          secretName: stores-tls
          commonName: stores.example.com
          dnsNames: [stores.example.com]
          issuerRef: {name: selfsigned}
          secretTemplate:
            labels: {app: shop}
            annotations: {example.com/owner: payments}
          additionalOutputFormats: [{type: DER}, {type: CombinedPEM}]
          keystores:
            pkcs12: {create: true, password: p12-literal, profile: Modern2023}
            jks: {create: true, passwordSecretRef: {name: jks-password, key: password}}
        """);
    fixture.awaitCertificate("stores", "True");
  }

  @Test
  void pkcs12KeystoreOpensWithItsPassword() {
    Secret secret = fixture.secret("stores-tls").orElseThrow();
    String info =
        Openssl.run("pkcs12", "-in", Openssl.file("keystore", Fixture.data(secret, "keystore.p12")).toString(), "-passin", "pass:p12-literal", "-nokeys", "-info");
    assertThat(info).contains("subject=CN = stores.example.com");
    assertThat(Openssl.tryRun("pkcs12", "-in", Openssl.file("keystore", Fixture.data(secret, "keystore.p12")).toString(), "-passin", "pass:wrong", "-nokeys").exitCode())
        .isNotZero();
  }

  @Test
  void jksKeystoreOpensWithThePasswordFromItsSecret() throws Exception {
    KeyStore jks = KeyStore.getInstance("JKS");
    jks.load(new ByteArrayInputStream(Fixture.data(fixture.secret("stores-tls").orElseThrow(), "keystore.jks")), "jks-secret".toCharArray());
    assertThat(jks.isKeyEntry("certificate")).isTrue();
  }

  @Test
  void aKeystoreWaitingForItsPasswordSecretIsSaidAndWrittenOnceItExists() {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: later}\nspec:\n  secretName: later-tls\n  dnsNames: [later.example.com]\n"
            + "  issuerRef: {name: selfsigned}\n  keystores:\n    pkcs12: {create: true, passwordSecretRef: {name: later-password}}\n");
    Certificate waiting = fixture.awaitCertificate("later", "True");
    assertThat(Fixture.condition(waiting, "Ready").orElseThrow().message()).isEqualTo("Certificate is up to date and has not expired, but the pkcs12 keystore is not "
        + "written: Secret \"" + fixture.namespace + "/later-password\" with key \"password\" holding its password does not exist");
    assertThat(fixture.secret("later-tls").orElseThrow().getData()).containsKey("tls.crt").doesNotContainKey("keystore.p12");

    // Not watched: it is found at the next look, within a minute, without re-issuing.
    fixture.client.resource(new SecretBuilder().withNewMetadata().withName("later-password").withNamespace(fixture.namespace).endMetadata()
        .addToStringData("password", "found-later").build()).create();
    Await.until(Duration.ofSeconds(90), "keystore.p12 in the Secret", () -> fixture.secret("later-tls").filter(s -> s.getData().containsKey("keystore.p12")), () -> "not yet");
    assertThat(Fixture.condition(fixture.certificate("later"), "Ready").orElseThrow().message()).isEqualTo("Certificate is up to date and has not expired");
    assertThat(fixture.certificate("later").getStatus().revision()).isEqualTo(1);
  }

  @Test
  void extraFormatsHoldTheKeyAndChain() {
    Secret secret = fixture.secret("stores-tls").orElseThrow();
    assertThat(Openssl.run("pkey", "-inform", "DER", "-in", Openssl.file("key", Fixture.data(secret, "key.der")).toString(), "-noout", "-text")).contains("Private-Key");
    String combined = Fixture.text(secret, "tls-combined.pem");
    assertThat(combined).startsWith(Fixture.text(secret, "tls.key")).endsWith(Fixture.text(secret, "tls.crt"));
  }

  @Test
  void specChangesToTheSecretReachItWithoutReissuing() {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: changing}\nspec: {secretName: changing-tls, dnsNames: [changing.example.com], issuerRef: {name: selfsigned}}");
    Certificate issued = fixture.awaitCertificate("changing", "True");
    String certificate = Fixture.text(fixture.secret("changing-tls").orElseThrow(), "tls.crt");

    patch("changing", "{\"spec\": {\"secretTemplate\": {\"labels\": {\"team\": \"payments\"}}, \"additionalOutputFormats\": [{\"type\": \"DER\"}],"
        + " \"keystores\": {\"pkcs12\": {\"create\": true, \"password\": \"changeit\"}}}}");
    Secret rewritten = awaitSecret("changing-tls", "the label, key.der and keystore.p12",
        s -> "payments".equals(s.getMetadata().getLabels().get("team")) && s.getData().containsKey("key.der") && s.getData().containsKey("keystore.p12"));
    assertThat(Fixture.text(rewritten, "tls.crt")).isEqualTo(certificate);
    assertThat(Openssl.run("pkcs12", "-in", Openssl.file("changing", Fixture.data(rewritten, "keystore.p12")).toString(), "-passin", "pass:changeit", "-nokeys", "-info", "-legacy"))
        .contains("changing.example.com");

    patch("changing", "{\"spec\": {\"secretTemplate\": null, \"additionalOutputFormats\": null, \"keystores\": null}}");
    Secret trimmed = awaitSecret("changing-tls", "no label, key.der or keystore.p12",
        s -> !s.getMetadata().getLabels().containsKey("team") && !s.getData().containsKey("key.der") && !s.getData().containsKey("keystore.p12"));
    assertThat(Fixture.text(trimmed, "tls.crt")).isEqualTo(certificate);
    assertThat(fixture.certificate("changing").getStatus().revision()).isEqualTo(issued.getStatus().revision());
    fixture.awaitEventReasons(issued, "SecretUpdated");
  }

  private void patch(String certificate, String mergePatch) {
    fixture.client.resources(Certificate.class).inNamespace(fixture.namespace).withName(certificate).patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
  }

  private Secret awaitSecret(String name, String what, Predicate<Secret> done) {
    return Await.until(Fixture.TIMEOUT, "Secret " + name + " to have " + what, () -> fixture.secret(name).filter(done),
        () -> String.valueOf(fixture.secret(name).map(s -> s.getMetadata().getLabels() + " " + s.getData().keySet()).orElse("no Secret")));
  }

  @Test
  void secretTemplateLabelsAndAnnotationsAreApplied() {
    Secret secret = fixture.secret("stores-tls").orElseThrow();
    assertThat(secret.getMetadata().getLabels()).containsEntry("app", "shop").containsEntry("controller.cert-manager.io/fao", "true");
    assertThat(secret.getMetadata().getAnnotations()).containsEntry("example.com/owner", "payments");
  }
}
