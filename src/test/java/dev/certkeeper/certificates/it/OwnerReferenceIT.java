package dev.certkeeper.certificates.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With --enable-certificate-owner-ref, a Secret belongs to its Certificate and goes with it. */
@ExtendWith(LocalControlPlane.class)
class OwnerReferenceIT {
  private static LocalEnvironment environment;
  private static Fixture fixture;

  @BeforeAll
  static void setUp(LocalEnvironment env) {
    environment = env;
    environment.operator("start", "--enable-certificate-owner-ref");
    fixture = new Fixture(env, "owned");
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: selfsigned}\nspec: {selfSigned: {}}");
  }

  @AfterAll
  static void restoreDefaults() {
    environment.operator("start");
  }

  @Test
  void secretIsOwnedByItsCertificateAndDeletedWithIt() {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: owned}\nspec: {secretName: owned-tls, dnsNames: [owned.example.com], issuerRef: {name: selfsigned}}");
    Certificate certificate = fixture.awaitCertificate("owned", "True");
    Secret secret = fixture.secret("owned-tls").orElseThrow();
    assertThat(secret.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> {
          assertThat(o.getUid()).isEqualTo(certificate.getMetadata().getUid());
          assertThat(o.getKind()).isEqualTo("Certificate");
        });

    fixture.client.resource(certificate).delete();
    Await.until(Fixture.TIMEOUT, "the garbage collector to delete the Secret",
        () -> fixture.secret("owned-tls").isEmpty() ? Optional.of(true) : Optional.empty(), () -> "Secret still there");
  }
}
