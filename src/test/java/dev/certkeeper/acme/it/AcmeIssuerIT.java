package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ACME Issuers register their account with Pebble, keep it, and say in the CA's words when they cannot. */
@ExtendWith(LocalControlPlane.class)
class AcmeIssuerIT {
  private static Fixture fixture;
  private static String directory;
  private static String caBundle;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "acme-issuer");
    directory = environment.env("PEBBLE_DIRECTORY");
    caBundle = environment.env("PEBBLE_CA_BUNDLE");
  }

  private static Issuer issuer(String name, String acmeFields) {
    return fixture.create(
        Issuer.class,
        "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: " + name + "}\nspec:\n  acme:\n"
            + "    server: " + directory + "\n    privateKeySecretRef: {name: " + name + "-account}\n" + acmeFields);
  }

  @Test
  void registersTheAccountAndStoresItsKey() {
    issuer("registers", "    email: first@example.com\n    caBundle: " + caBundle + "\n");
    Issuer ready = fixture.awaitIssuer("registers", "True");
    assertThat(Conditions.find(ready.getStatus().conditions(), "Ready").orElseThrow().reason()).isEqualTo("ACMEAccountRegistered");
    assertThat(ready.getStatus().acme().uri()).startsWith("https://127.0.0.1:14000/");
    assertThat(ready.getStatus().acme().lastRegisteredEmail()).isEqualTo("first@example.com");
    Secret key = fixture.secret("registers-account").orElseThrow();
    assertThat(Fixture.text(key, "tls.key")).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(ready.getStatus().acme().lastPrivateKeyHash()).isNotEmpty();
  }

  @Test
  void emailChangeUpdatesTheSameAccount() {
    issuer("email", "    email: old@example.com\n    caBundle: " + caBundle + "\n");
    String uri = fixture.awaitIssuer("email", "True").getStatus().acme().uri();
    Fixture.edit(fixture.client.resources(Issuer.class).inNamespace(fixture.namespace).withName("email"), i -> fixture.client.getKubernetesSerialization().unmarshal(
            fixture.client.getKubernetesSerialization().asYaml(i).replace("old@example.com", "new@example.com"), Issuer.class));
    Issuer updated = Await.until(
        Fixture.TIMEOUT, "Issuer email registered with the new address",
        () -> Optional.ofNullable(fixture.client.resources(Issuer.class).inNamespace(fixture.namespace).withName("email").get())
            .filter(i -> i.getStatus() != null && i.getStatus().acme() != null && "new@example.com".equals(i.getStatus().acme().lastRegisteredEmail())),
        () -> "status: " + fixture.client.resources(Issuer.class).inNamespace(fixture.namespace).withName("email").get().getStatus());
    assertThat(updated.getStatus().acme().uri()).isEqualTo(uri);
  }

  @Test
  void accountKeyWrittenByTheUserIsTheAccount() {
    issuer("first", "    caBundle: " + caBundle + "\n");
    String uri = fixture.awaitIssuer("first", "True").getStatus().acme().uri();
    fixture.create(
        Issuer.class,
        "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: second}\nspec:\n  acme:\n    server: " + directory
            + "\n    privateKeySecretRef: {name: first-account}\n    disableAccountKeyGeneration: true\n    caBundle: " + caBundle + "\n");
    assertThat(fixture.awaitIssuer("second", "True").getStatus().acme().uri()).isEqualTo(uri);
  }

  @Test
  void missingKeyWithGenerationDisabledSaysWhichSecret() {
    issuer("no-key", "    disableAccountKeyGeneration: true\n    caBundle: " + caBundle + "\n");
    Issuer issuer = fixture.awaitIssuer("no-key", "False");
    assertThat(Conditions.find(issuer.getStatus().conditions(), "Ready").orElseThrow().message())
        .contains("Secret \"" + fixture.namespace + "/no-key-account\"", "disableAccountKeyGeneration");
    assertThat(fixture.secret("no-key-account")).isEmpty();
  }

  @Test
  void anAccountKeyTheApiServerRefusesToStoreIsSaidOnTheIssuerAndStoredOnceAllowed() {
    ResourceQuota noSecrets = fixture.quota("no-secrets", "secrets", 0);
    try {
      issuer("no-room", "    caBundle: " + caBundle + "\n");
      Issuer issuer = fixture.awaitIssuer("no-room", "False");
      assertThat(Conditions.find(issuer.getStatus().conditions(), "Ready").orElseThrow()).satisfies(ready -> {
        assertThat(ready.reason()).isEqualTo("ErrInitIssuer");
        assertThat(ready.message()).contains("cannot read or create Secret \"" + fixture.namespace + "/no-room-account\"", "403", "exceeded quota: no-secrets");
      });
    } finally {
      fixture.client.resource(noSecrets).delete();
    }
    fixture.awaitIssuer("no-room", "True");
    assertThat(fixture.secret("no-room-account")).isPresent();
  }

  @Test
  void untrustedServerIsNotReadyWithTheTlsError() {
    issuer("untrusted", "");
    Issuer issuer = fixture.awaitIssuer("untrusted", "False");
    var ready = Conditions.find(issuer.getStatus().conditions(), "Ready").orElseThrow();
    assertThat(ready.reason()).isEqualTo("ErrRegisterACMEAccount");
    assertThat(ready.message()).contains(directory).containsIgnoringCase("certification path");
  }

  @Test
  void unreachableServerIsNotReadyAndSaysSo() {
    fixture.create(
        Issuer.class,
        "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: unreachable}\nspec:\n  acme:\n"
            + "    server: https://127.0.0.1:1/dir\n    privateKeySecretRef: {name: unreachable-account}\n");
    Issuer issuer = fixture.awaitIssuer("unreachable", "False");
    assertThat(Conditions.find(issuer.getStatus().conditions(), "Ready").orElseThrow().message())
        .contains("https://127.0.0.1:1/dir", "cannot reach the ACME server");
  }

  @Test
  void garbledCaBundleIsNotReadyAndNamesTheField() {
    issuer("garbled", "    caBundle: bm90IGEgY2VydGlmaWNhdGU=\n");
    Issuer issuer = fixture.awaitIssuer("garbled", "False");
    var ready = Conditions.find(issuer.getStatus().conditions(), "Ready").orElseThrow();
    assertThat(ready.reason()).isEqualTo("ErrInitIssuer");
    assertThat(ready.message()).contains("caBundle");
  }

  @Test
  void restartedOperatorFindsTheSameAccountWithTheStoredKey(LocalEnvironment environment) {
    issuer("restart", "    caBundle: " + caBundle + "\n");
    String uri = fixture.awaitIssuer("restart", "True").getStatus().acme().uri();
    environment.operator("stop");
    try {
      // Forget the account in status: only the stored key can lead the operator back to it.
      fixture.client.resources(Issuer.class).inNamespace(fixture.namespace).withName("restart")
          .editStatus(i -> {
            i.setStatus(null);
            return i;
          });
    } finally {
      environment.operator("start");
    }
    Issuer after = Await.until(
        Fixture.TIMEOUT, "Issuer restart registered again",
        () -> Optional.ofNullable(fixture.client.resources(Issuer.class).inNamespace(fixture.namespace).withName("restart").get())
            .filter(i -> i.getStatus() != null && i.getStatus().acme() != null),
        () -> "no account in status yet");
    assertThat(after.getStatus().acme().uri()).isEqualTo(uri);
  }
}
