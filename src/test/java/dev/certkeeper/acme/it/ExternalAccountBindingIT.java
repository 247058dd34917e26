package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.PebbleProcess;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * External account binding against a Pebble of the test's own that requires it and knows one key
 * ID with its MAC key: the right binding registers, a wrong MAC key, an unknown key ID or no
 * binding at all leave the Issuer Ready=False with the CA's own words.
 */
@ExtendWith(LocalControlPlane.class)
class ExternalAccountBindingIT {
  private static final String KEY_ID = "kid-certkeeper";
  private static PebbleProcess pebble;
  private static Fixture fixture;
  private static String caBundle;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    String macKey = macKey();
    pebble =
        PebbleProcess.start(environment, "pebble-eab", Map.of(), settings -> {
          settings.put("externalAccountBindingRequired", true);
          settings.putObject("externalAccountMACKeys").put(KEY_ID, macKey);
        });
    fixture = new Fixture(environment, "eab");
    caBundle = environment.env("PEBBLE_CA_BUNDLE");
    macKeySecret("right-mac", macKey);
    macKeySecret("wrong-mac", macKey());
  }

  @AfterAll
  static void stopPebble() {
    if (pebble != null) {
      pebble.close();
    }
  }

  @Test
  void rightKeyIdAndMacKeyRegister() {
    issuer("bound", "    externalAccountBinding: {keyID: " + KEY_ID + ", keySecretRef: {name: right-mac, key: secret}, keyAlgorithm: HS256}\n");
    Issuer ready = fixture.awaitIssuer("bound", "True");
    assertThat(ready(ready).reason()).isEqualTo("ACMEAccountRegistered");
    assertThat(ready.getStatus().acme().uri()).startsWith(pebble.directory().replace("/dir", "/"));
  }

  @Test
  void wrongMacKeyIsNotReadyWithTheCasWords() {
    issuer("wrong-mac", "    externalAccountBinding: {keyID: " + KEY_ID + ", keySecretRef: {name: wrong-mac, key: secret}, keyAlgorithm: HS256}\n");
    Condition ready = ready(fixture.awaitIssuer("wrong-mac", "False"));
    assertThat(ready.reason()).isEqualTo("ErrRegisterACMEAccount");
    assertThat(ready.message())
        .contains(pebble.directory(), "key ID \"" + KEY_ID + "\"", "unauthorized: external account binding JWS verification error");
  }

  @Test
  void unknownKeyIdIsNotReadyWithTheCasWords() {
    issuer("unknown-kid", "    externalAccountBinding: {keyID: kid-unknown, keySecretRef: {name: right-mac, key: secret}, keyAlgorithm: HS256}\n");
    Condition ready = ready(fixture.awaitIssuer("unknown-kid", "False"));
    assertThat(ready.reason()).isEqualTo("ErrRegisterACMEAccount");
    assertThat(ready.message())
        .contains(pebble.directory(), "key ID \"kid-unknown\"", "unauthorized: the field 'kid' references a key that is not known to the ACME server");
  }

  @Test
  void noBindingIsRefusedWithTheCasWords() {
    issuer("unbound", "");
    Condition ready = ready(fixture.awaitIssuer("unbound", "False"));
    assertThat(ready.reason()).isEqualTo("ErrRegisterACMEAccount");
    assertThat(ready.message())
        .contains(pebble.directory(), "externalAccountRequired: ACME server policy requires newAccount requests must include a value for the 'externalAccountBinding' field");
  }

  private static void issuer(String name, String binding) {
    fixture.create(
        Issuer.class,
        "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: " + name + "}\nspec:\n  acme:\n    server: " + pebble.directory()
            + "\n    caBundle: " + caBundle + "\n    privateKeySecretRef: {name: " + name + "-account}\n" + binding);
  }

  private static Condition ready(Issuer issuer) {
    return Conditions.find(issuer.getStatus().conditions(), "Ready").orElseThrow();
  }

  /** A random HMAC key, base64url without padding as the CA hands it out and cert-manager's keySecretRef holds it. */
  private static String macKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }

  private static void macKeySecret(String name, String macKey) {
    fixture.client.secrets().inNamespace(fixture.namespace)
        .resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata().addToStringData("secret", macKey).build())
        .create();
  }
}
