package dev.certkeeper.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class KeystorePasswordsTest {
  @Test
  void aLiteralPasswordBesideAPasswordSecretRefWithAnEmptyNameIsUsedAsCertManagerDoes() {
    String yaml =
        """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: web, namespace: apps}
        spec:
          secretName: web-tls
          dnsNames: [web.example.com]
          issuerRef: {name: ca}
          keystores:
            jks: {create: true, password: jks-secret, passwordSecretRef: {name: ''}}
            pkcs12: {create: true, password: p12-secret, passwordSecretRef: {name: ''}}
        """;
    Certificate certificate = new KubernetesSerialization().unmarshal(yaml, Certificate.class);

    // No client and no event recorder: a literal password reads no Secret and reports nothing.
    KeystorePasswords passwords = KeystorePasswords.read(null, certificate, null);

    assertThat(passwords.jks()).hasValueSatisfying(password -> assertThat(new String(password)).isEqualTo("jks-secret"));
    assertThat(passwords.pkcs12()).hasValueSatisfying(password -> assertThat(new String(password)).isEqualTo("p12-secret"));
  }
}
