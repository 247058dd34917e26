package dev.certkeeper.certificates.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.api.meta.ConditionStatus;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.Openssl;
import dev.certkeeper.testing.TestData;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input ends in a condition and an Event that name the object and the cause, and heals once fixed. */
@ExtendWith(LocalControlPlane.class)
class FailuresIT {
  private static Fixture fixture;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "failures");
  }

  @Test
  void caIssuerWithoutItsSecretSaysWhichSecretIsMissing() {
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: no-secret}\nspec: {ca: {secretName: nowhere}}");
    Issuer issuer = fixture.awaitIssuer("no-secret", "False");
    assertThat(issuer.getStatus().conditions()).singleElement().satisfies(c -> {
      assertThat(c.reason()).isEqualTo("ErrGetKeyPair");
      assertThat(c.message()).contains("Secret \"" + fixture.namespace + "/nowhere\" does not exist");
    });
  }

  @Test
  void caIssuerNamingNoSecretSaysSo() {
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: unnamed}\nspec: {ca: {secretName: \"\"}}");
    Issuer issuer = fixture.awaitIssuer("unnamed", "False");
    assertThat(issuer.getStatus().conditions()).singleElement().satisfies(c -> {
      assertThat(c.reason()).isEqualTo("ErrGetKeyPair");
      assertThat(c.message()).isEqualTo("spec.ca.secretName is empty: name the Secret holding the CA's tls.crt and tls.key");
    });
  }

  @Test
  void caIssuerWithGarbageSaysWhatIsWrong() {
    fixture.client.resource(
            new SecretBuilder().withNewMetadata().withName("garbage").withNamespace(fixture.namespace).endMetadata()
                .addToStringData("tls.crt", "not a certificate").addToStringData("tls.key", "not a key").build())
        .create();
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: garbage}\nspec: {ca: {secretName: garbage}}");
    Issuer issuer = fixture.awaitIssuer("garbage", "False");
    assertThat(issuer.getStatus().conditions()).singleElement().satisfies(c -> {
      assertThat(c.reason()).isEqualTo("ErrInvalidKeyPair");
      assertThat(c.message()).contains("garbage");
    });
  }

  @Test
  void caIssuerWhoseCertificateIsNotACaSaysSo() {
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: leaf-maker}\nspec: {selfSigned: {}}");
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: not-a-ca}\nspec: {secretName: not-a-ca, commonName: leaf, issuerRef: {name: leaf-maker}}");
    fixture.awaitCertificate("not-a-ca", "True");
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: fake-ca}\nspec: {ca: {secretName: not-a-ca}}");
    Issuer issuer = fixture.awaitIssuer("fake-ca", "False");
    assertThat(issuer.getStatus().conditions()).singleElement().satisfies(c -> {
      assertThat(c.reason()).isEqualTo("ErrInvalidKeyPair");
      assertThat(c.message()).contains("is not a CA certificate");
    });
  }

  @Test
  void issuersOfTypesNotBuiltYetAreUnsupported() {
    fixture.create(
        Issuer.class,
        "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: vault}\nspec: {vault: {server: 'https://vault.example.com', path: pki/sign/web}}");
    Issuer issuer = fixture.awaitIssuer("vault", "False");
    assertThat(issuer.getStatus().conditions()).singleElement().satisfies(c -> {
      assertThat(c.reason()).isEqualTo("Unsupported");
      assertThat(c.message()).contains("Vault");
    });
  }

  @Test
  void temporaryCertificateServesUntilTheRealOneIsIssued() {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: early, annotations: {cert-manager.io/issue-temporary-certificate: 'true'}}\n"
            + "spec: {secretName: early-tls, dnsNames: [early.example.com], issuerRef: {name: arrives-later}}");
    Secret temporary =
        Await.until(Fixture.TIMEOUT, "a temporary certificate in the Secret", () -> fixture.secret("early-tls"), () -> "no Secret");
    assertThat(temporary.getMetadata().getAnnotations()).containsEntry("certkeeper.dev/temporary-certificate", "true");
    assertThat(Openssl.run("x509", "-in", Openssl.file("temp", Fixture.data(temporary, "tls.crt")).toString(), "-noout", "-ext", "subjectAltName"))
        .contains("early.example.com");
    Certificate waiting =
        fixture.awaitCondition("early", "Ready", "Ready=False for the temporary certificate", r -> r.reason().equals("TemporaryCertificate"));
    assertThat(Fixture.condition(waiting, "Ready").orElseThrow().message()).contains("temporary");

    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: arrives-later}\nspec: {selfSigned: {}}");
    fixture.awaitRevision("early", 1);
    Secret real = fixture.secret("early-tls").orElseThrow();
    assertThat(real.getMetadata().getAnnotations()).doesNotContainKey("certkeeper.dev/temporary-certificate");
    assertThat(Fixture.text(real, "tls.key")).as("the key the temporary certificate was for is kept").isEqualTo(Fixture.text(temporary, "tls.key"));
    assertThat(Fixture.text(real, "tls.crt")).isNotEqualTo(Fixture.text(temporary, "tls.crt"));
  }

  @Test
  void certificateNamesTheMissingIssuerAndRecoversWhenItAppears() {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: orphan}\nspec: {secretName: orphan-tls, dnsNames: [orphan.example.com], issuerRef: {name: later}}");
    Certificate waiting =
        fixture.awaitCondition("orphan", "Ready", "the Ready message to name the missing issuer", r -> r.message().contains("not found"));
    assertThat(Fixture.condition(waiting, "Ready").orElseThrow().message())
        .contains("Issuing certificate as Secret does not exist")
        .contains("Issuer \"" + fixture.namespace + "/later\" not found");

    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: later}\nspec: {selfSigned: {}}");
    fixture.awaitRevision("orphan", 1);
  }

  @Test
  void aSpecNoRequestCanBeBuiltFromFailsTheIssuanceSayingWhy() {
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: idn}\nspec: {selfSigned: {}}");
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: idn}\nspec: {secretName: idn-tls, dnsNames: [bücher.example], issuerRef: {name: idn}}");
    Certificate failed =
        fixture.awaitCondition("idn", "Issuing", "Issuing=False with the reason", i -> i.status() == ConditionStatus.FALSE);
    assertThat(Fixture.condition(failed, "Issuing").orElseThrow()).satisfies(issuing -> {
      assertThat(issuing.reason()).isEqualTo("InvalidRequest");
      assertThat(issuing.message()).contains("bücher.example", "xn--");
    });
    assertThat(Fixture.condition(failed, "Ready").orElseThrow().message()).contains("xn--");
    fixture.awaitEventReasons(failed, "InvalidRequest");
  }

  @Test
  void aSecretTheApiServerRefusesIsSaidOnTheCertificateAndStoredOnceFixedWithoutANewRequest() {
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: refused}\nspec: {selfSigned: {}}");
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: refused}\n"
            + "spec: {secretName: refused-tls, dnsNames: [refused.example.com], issuerRef: {name: refused}, secretTemplate: {labels: {team: 'has spaces'}}}");
    Certificate waiting =
        fixture.awaitCondition("refused", "Ready", "the Ready message to give the API server's refusal", r -> r.message().contains("an API request for this Certificate failed"));
    assertThat(Fixture.condition(waiting, "Ready").orElseThrow()).satisfies(ready -> {
      assertThat(ready.status()).isEqualTo(ConditionStatus.FALSE);
      assertThat(ready.message()).contains("the API server answered 422", "refused-tls", "metadata.labels", "has spaces");
    });
    assertThat(Fixture.condition(waiting, "Issuing").orElseThrow().status()).isEqualTo(ConditionStatus.TRUE);
    fixture.awaitEventReasons(waiting, "ApiError");
    assertThat(fixture.secret("refused-tls")).isEmpty();

    fixture.client.resources(Certificate.class).inNamespace(fixture.namespace).withName("refused")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"secretTemplate\":{\"labels\":{\"team\":\"payments\"}}}}");
    fixture.awaitRevision("refused", 1);
    assertThat(fixture.secret("refused-tls").orElseThrow().getMetadata().getLabels()).containsEntry("team", "payments");
    // What was signed while the Secret could not be written is what got stored.
    assertThat(fixture.requests()).filteredOn(r -> r.getMetadata().getName().startsWith("refused-")).hasSize(1);
  }

  @Test
  void aCertificateRequestWhoseDurationIsNoneFailsSayingWhy() {
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: by-hand}\nspec: {selfSigned: {}}");
    // Made by hand or by a tool: the CertificateRequest CRD does not check the duration, as cert-manager's webhook did.
    fixture.create(CertificateRequest.class,
        "apiVersion: cert-manager.io/v1\nkind: CertificateRequest\nmetadata: {name: ninety-days}\nspec: {request: " + TestData.csrBase64()
            + ", duration: 90d, issuerRef: {name: by-hand}}");

    CertificateRequest failed = Await.until(
        Fixture.TIMEOUT, "the request to fail saying why",
        () -> Optional.ofNullable(fixture.client.resources(CertificateRequest.class).inNamespace(fixture.namespace).withName("ninety-days").get())
            .filter(r -> r.getStatus() != null && Conditions.isTrue(r.getStatus().conditions(), "InvalidRequest")),
        () -> String.valueOf(fixture.client.resources(CertificateRequest.class).inNamespace(fixture.namespace).withName("ninety-days").get().getStatus()));
    assertThat(Conditions.find(failed.getStatus().conditions(), "Ready")).hasValueSatisfying(ready -> {
      assertThat(ready.status()).isEqualTo(ConditionStatus.FALSE);
      assertThat(ready.reason()).isEqualTo("Failed");
      assertThat(ready.message()).startsWith("spec.duration: invalid duration \"90d\"");
    });
  }

  @Test
  void aCertificateRequestInTheWayOfTheNextRevisionIsNamedOnTheCertificateUntilItGoes() {
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: in-the-way}\nspec: {selfSigned: {}}");
    // Left over from a Certificate deleted without its dependents and created again: not this Certificate's.
    fixture.create(CertificateRequest.class,
        "apiVersion: cert-manager.io/v1\nkind: CertificateRequest\nmetadata: {name: blocked-1}\nspec: {request: bm90IGEgQ1NS, issuerRef: {name: nowhere}}");
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: blocked}\nspec: {secretName: blocked-tls, dnsNames: [blocked.example.com], issuerRef: {name: in-the-way}}");

    Certificate waiting = fixture.awaitCondition("blocked", "Ready", "the Ready message to name the request in the way", r -> r.message().contains("already exists"));
    assertThat(Fixture.condition(waiting, "Ready").orElseThrow().message()).contains("an API request for this Certificate failed", "409", "blocked-1");

    fixture.client.resources(CertificateRequest.class).inNamespace(fixture.namespace).withName("blocked-1").delete();
    fixture.awaitRevision("blocked", 1);
  }
}
