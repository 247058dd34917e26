package dev.certkeeper.certificates.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateStatus;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.api.meta.ConditionStatus;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.Openssl;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Re-issuance happens when, and only when, something calls for it; and what others put on the Secret stays. */
@ExtendWith(LocalControlPlane.class)
class ReissuanceIT {
  private static Fixture fixture;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "reissue");
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: selfsigned}\nspec: {selfSigned: {}}");
  }

  private static Certificate issue(String name, String extraSpec) {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + "}\nspec: {secretName: " + name
            + "-tls, dnsNames: [" + name + ".example.com], issuerRef: {name: selfsigned}" + extraSpec + "}");
    return fixture.awaitRevision(name, 1);
  }

  @Test
  void renewsWhenSecretDeleted() {
    issue("deleted", "");
    fixture.client.secrets().inNamespace(fixture.namespace).withName("deleted-tls").delete();
    fixture.awaitRevision("deleted", 2);
    assertThat(fixture.secret("deleted-tls")).isPresent();
  }

  @Test
  void reissuesWhenDnsNamesChange() {
    issue("renamed", "");
    fixture.client.resources(Certificate.class).inNamespace(fixture.namespace).withName("renamed")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"dnsNames\":[\"renamed.example.com\",\"other.example.com\"]}}");
    fixture.awaitRevision("renamed", 2);
    Secret secret = fixture.secret("renamed-tls").orElseThrow();
    assertThat(secret.getMetadata().getAnnotations()).containsEntry("cert-manager.io/alt-names", "renamed.example.com,other.example.com");
  }

  @Test
  void reissuesWhenManuallyTriggeredAndKeepsOneOldRequest() {
    issue("manual", "");
    for (int revision = 2; revision <= 3; revision++) {
      triggerManually("manual");
      fixture.awaitRevision("manual", revision);
    }
    assertThat(fixture.requests()).filteredOn(r -> r.getMetadata().getName().startsWith("manual-"))
        .extracting(r -> r.getMetadata().getName())
        .as("revisionHistoryLimit 1 keeps only the newest request")
        .containsExactly("manual-3");
  }

  @Test
  void keepsTheKeyWhenRotationPolicyIsNever() {
    issue("kept", ", privateKey: {rotationPolicy: Never}");
    String firstKey = Fixture.text(fixture.secret("kept-tls").orElseThrow(), "tls.key");
    triggerManually("kept");
    fixture.awaitRevision("kept", 2);
    assertThat(Fixture.text(fixture.secret("kept-tls").orElseThrow(), "tls.key")).isEqualTo(firstKey);
  }

  @Test
  void aNextKeyMadeBeforeRotationPolicyNeverIsDiscardedNotUsed() {
    issue("leftover", "");
    String keptKey = Fixture.text(fixture.secret("leftover-tls").orElseThrow(), "tls.key");
    Resource<Certificate> certificate = fixture.client.resources(Certificate.class).inNamespace(fixture.namespace).withName("leftover");
    // An issuance that cannot finish (its issuer does not exist) leaves a new key waiting in a next-key Secret.
    certificate.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"issuerRef\":{\"name\":\"missing\"}}}");
    fixture.awaitCondition("leftover", "Issuing", "an issuance holding a next key", c -> c.status() == ConditionStatus.TRUE);
    Await.until(Fixture.TIMEOUT, "the next-key Secret", () -> Optional.ofNullable(certificate.get().getStatus().nextPrivateKeySecretName()), () -> "none");

    certificate.patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"issuerRef\":{\"name\":\"selfsigned\"},\"privateKey\":{\"rotationPolicy\":\"Never\"}}}");
    fixture.awaitRevision("leftover", 2);

    assertThat(Fixture.text(fixture.secret("leftover-tls").orElseThrow(), "tls.key")).as("the key kept, not the one made before").isEqualTo(keptKey);
  }

  @Test
  void refusesToReplaceAKeptKeyTheSpecNoLongerFitsUntilRotationIsAllowed() {
    issue("pinned", ", privateKey: {rotationPolicy: Never}");
    String pinnedKey = Fixture.text(fixture.secret("pinned-tls").orElseThrow(), "tls.key");
    Resource<Certificate> pinned = fixture.client.resources(Certificate.class).inNamespace(fixture.namespace).withName("pinned");
    pinned.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"privateKey\":{\"algorithm\":\"ECDSA\"}}}");

    Certificate refused =
        fixture.awaitCondition("pinned", "Issuing", "Issuing=False, CannotRegenerateKey", i -> "CannotRegenerateKey".equals(i.reason()));
    assertThat(Fixture.condition(refused, "Issuing").orElseThrow().message()).contains("is RSA 2048 but spec.privateKey asks for ECDSA P-256", "rotationPolicy to Always");
    assertThat(Fixture.text(fixture.secret("pinned-tls").orElseThrow(), "tls.key")).isEqualTo(pinnedKey);

    pinned.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"privateKey\":{\"rotationPolicy\":\"Always\"}}}");
    fixture.awaitRevision("pinned", 2);
    assertThat(Fixture.text(fixture.secret("pinned-tls").orElseThrow(), "tls.key")).isNotEqualTo(pinnedKey).contains("BEGIN EC PRIVATE KEY");
  }

  @Test
  void aSecretNamedByTwoCertificatesIsNotFoughtOver() throws InterruptedException {
    Certificate first = issue("twin-a", "");
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: twin-b}\nspec: {secretName: twin-a-tls, dnsNames: [twin-b.example.com], issuerRef: {name: selfsigned}}");

    Certificate blocked =
        fixture.awaitCondition("twin-b", "InConflict", "twin-b InConflict", c -> true);
    assertThat(Fixture.condition(blocked, "InConflict").orElseThrow()).satisfies(c -> {
      assertThat(c.status()).isEqualTo(ConditionStatus.TRUE);
      assertThat(c.reason()).isEqualTo("DuplicateSecretName");
      assertThat(c.message()).contains("[ twin-a ]", "Issuance will block");
    });
    Thread.sleep(3000);
    assertThat(fixture.certificate("twin-a").getStatus().revision()).isEqualTo(1);
    assertThat(fixture.certificate("twin-a").getStatus().notAfter()).isEqualTo(first.getStatus().notAfter());
    assertThat(fixture.certificate("twin-b").getStatus().revision()).as("never issued over twin-a's Secret").isNull();
    assertThat(fixture.secret("twin-a-tls").orElseThrow().getMetadata().getAnnotations()).containsEntry("cert-manager.io/certificate-name", "twin-a");

    fixture.client.resources(Certificate.class).inNamespace(fixture.namespace).withName("twin-b")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"secretName\":\"twin-b-tls\"}}");
    Certificate resolved = fixture.awaitRevision("twin-b", 1);
    assertThat(Fixture.condition(resolved, "InConflict")).isEmpty();
  }

  @Test
  void rotatesTheKeyByDefault() {
    issue("rotated", "");
    String firstKey = Fixture.text(fixture.secret("rotated-tls").orElseThrow(), "tls.key");
    triggerManually("rotated");
    fixture.awaitRevision("rotated", 2);
    assertThat(Fixture.text(fixture.secret("rotated-tls").orElseThrow(), "tls.key")).isNotEqualTo(firstKey);
  }

  @Test
  void keepsWhatOthersPutOnTheSecret() {
    fixture.client.resource(
            new SecretBuilder()
                .withNewMetadata().withName("shared-tls").withNamespace(fixture.namespace)
                .addToLabels("owner", "platform").addToAnnotations("example.com/note", "keep me").endMetadata()
                .withType("kubernetes.io/tls")
                .addToStringData("tls.crt", "").addToStringData("tls.key", "").addToStringData("extra", "mine")
                .build())
        .create();
    issue("shared", "");
    Secret secret = fixture.secret("shared-tls").orElseThrow();
    assertThat(Fixture.text(secret, "extra")).isEqualTo("mine");
    assertThat(secret.getMetadata().getLabels()).containsEntry("owner", "platform");
    assertThat(secret.getMetadata().getAnnotations()).containsEntry("example.com/note", "keep me");
    assertThat(Openssl.run("x509", "-in", Openssl.file("shared", Fixture.data(secret, "tls.crt")).toString(), "-noout", "-subject", "-ext", "subjectAltName"))
        .contains("shared.example.com");
  }

  @Test
  void reissuesOverGarbageAndAForeignKey() {
    // A Secret whose tls.crt is not PEM and whose tls.key belongs to nothing: Ready=False, then fixed.
    fixture.client.resource(
            new SecretBuilder()
                .withNewMetadata().withName("garbled-tls").withNamespace(fixture.namespace).endMetadata()
                .withType("kubernetes.io/tls")
                .addToStringData("tls.crt", "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
                .addToStringData("tls.key", "garbage")
                .build())
        .create();
    Certificate fixed = issue("garbled", "");
    fixture.awaitEventReasons(fixed, "Issuing");
    Secret secret = fixture.secret("garbled-tls").orElseThrow();
    assertThat(Openssl.run("x509", "-in", Openssl.file("garbled", Fixture.data(secret, "tls.crt")).toString(), "-noout", "-ext", "subjectAltName"))
        .contains("garbled.example.com");
  }

  @Test
  void doesNotReissueAnUpToDateCertificate() throws InterruptedException {
    Certificate first = issue("stable", "");
    Thread.sleep(3000);
    Certificate later = fixture.certificate("stable");
    assertThat(later.getStatus().revision()).isEqualTo(1);
    assertThat(later.getStatus().notAfter()).isEqualTo(first.getStatus().notAfter());
    assertThat(fixture.requests()).filteredOn(r -> r.getMetadata().getName().startsWith("stable-")).hasSize(1);
  }

  @Test
  void doesNotReissueASelfSignedCertificateForAnIpAddressAlone() throws InterruptedException {
    // The self-signed issuer makes the address the common name, which the spec does not ask for.
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: ip-only}\nspec: {secretName: ip-only-tls, ipAddresses: [192.0.2.10], issuerRef: {name: selfsigned}}");
    Certificate first = fixture.awaitRevision("ip-only", 1);
    Thread.sleep(3000);
    Certificate later = fixture.certificate("ip-only");
    assertThat(later.getStatus().revision()).isEqualTo(1);
    assertThat(later.getStatus().notAfter()).isEqualTo(first.getStatus().notAfter());
    assertThat(Fixture.condition(later, "Ready").orElseThrow().reason()).isEqualTo("Ready");
  }

  @Test
  void takesOverASecretCertManagerWroteWithoutReissuing() {
    // A Secret as cert-manager leaves it: valid for the spec, its annotations, no certkeeper label.
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: source}\nspec: {secretName: source-tls, dnsNames: [moved.example.com], issuerRef: {name: selfsigned}}");
    fixture.awaitRevision("source", 1);
    Secret source = fixture.secret("source-tls").orElseThrow();
    fixture.client.resource(
            new SecretBuilder()
                .withNewMetadata().withName("moved-tls").withNamespace(fixture.namespace)
                .addToAnnotations("cert-manager.io/certificate-name", "moved")
                .addToAnnotations("cert-manager.io/issuer-name", "selfsigned")
                .addToAnnotations("cert-manager.io/issuer-kind", "Issuer")
                .addToAnnotations("cert-manager.io/issuer-group", "cert-manager.io")
                .endMetadata()
                .withType("kubernetes.io/tls")
                .withData(source.getData())
                .build())
        .create();

    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: moved}\nspec: {secretName: moved-tls, dnsNames: [moved.example.com], issuerRef: {name: selfsigned}}");
    Certificate moved = fixture.awaitCertificate("moved", "True");

    assertThat(moved.getStatus().revision()).as("nothing issued").isNull();
    assertThat(fixture.requests()).noneMatch(r -> r.getMetadata().getName().startsWith("moved-"));
    Secret secret = Await.until(Fixture.TIMEOUT, "the Secret to be labelled",
        () -> fixture.secret("moved-tls").filter(s -> s.getMetadata().getLabels() != null && "true".equals(s.getMetadata().getLabels().get("controller.cert-manager.io/fao"))),
        () -> String.valueOf(fixture.secret("moved-tls").map(s -> s.getMetadata().getLabels())));
    assertThat(secret.getData()).isEqualTo(source.getData());
  }

  /** What `certkeeper renew` (and cmctl renew) does: set Issuing=True, reason ManuallyTriggered. */
  private static void triggerManually(String name) {
    Certificate certificate = fixture.certificate(name);
    CertificateStatus status = certificate.getStatus();
    certificate.setStatus(
        new CertificateStatus(
            Conditions.set(status.conditions(), "Issuing", ConditionStatus.TRUE, "ManuallyTriggered", "Certificate re-issuance manually triggered", certificate.getMetadata().getGeneration(), Instant.now()),
            status.lastFailureTime(), status.notBefore(), status.notAfter(), status.renewalTime(), status.revision(),
            status.nextPrivateKeySecretName(), status.failedIssuanceAttempts(), status.acme()));
    fixture.client.resource(certificate).updateStatus();
  }
}
