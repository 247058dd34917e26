package dev.certkeeper.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.pki.Fixtures;
import dev.certkeeper.pki.Pem;
import dev.certkeeper.pki.PrivateKeys;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Secret written for an issued certificate. */
class TargetSecretTest {
  private static final KubernetesSerialization YAML = new KubernetesSerialization();
  private static final Fixtures.Issued CA = Fixtures.selfSignedCa("test CA", PrivateKeyAlgorithm.ECDSA, 256, Duration.ofDays(30));

  /** A Certificate "web" into Secret "web-tls" for Issuer "ca". */
  private static Certificate certificate(String... specLines) {
    StringBuilder yaml = new StringBuilder(
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: apps}\nspec:\n"
            + "  secretName: web-tls\n  issuerRef: {name: ca}\n  dnsNames: [web.example.com]\n");
    Stream.of(specLines).forEach(line -> yaml.append("  ").append(line).append('\n'));
    return YAML.unmarshal(yaml.toString(), Certificate.class);
  }

  private static Secret build(Certificate certificate) {
    return build(certificate, null, new KeystorePasswords(Optional.empty(), Optional.empty()));
  }

  /** The Secret for a leaf signed by CA, with the CA text the issuer returned (or null). */
  private static Secret build(Certificate certificate, String caPem, KeystorePasswords passwords) {
    Fixtures.Issued leaf = Fixtures.leaf(certificate.getSpec(), CA);
    String keyPem = PrivateKeys.toPem(leaf.keyPair().getPrivate(), certificate.getSpec().effectivePrivateKey().effectiveEncoding());
    List<X509Certificate> cas = caPem == null ? List.of() : Pem.parseCertificates(caPem);
    IssuedMaterial material = new IssuedMaterial(keyPem, leaf.keyPair().getPrivate(), List.of(leaf.certificate()), caPem, cas, false);
    return TargetSecret.build(certificate, material, certificate.getSpec().issuerRef(), passwords, "kubernetes.io/tls", false);
  }

  private static byte[] data(Secret secret, String key) {
    return Base64.getDecoder().decode(secret.getData().get(key));
  }

  static Stream<Arguments> keyEncodings() {
    return Stream.of(
        Arguments.of("RSA by default", "privateKey: {}", "RSA PRIVATE KEY"),
        Arguments.of("RSA as PKCS#1", "privateKey: {algorithm: RSA, encoding: PKCS1}", "RSA PRIVATE KEY"),
        Arguments.of("ECDSA as PKCS#1", "privateKey: {algorithm: ECDSA, encoding: PKCS1}", "EC PRIVATE KEY"),
        Arguments.of("RSA as PKCS#8", "privateKey: {algorithm: RSA, encoding: PKCS8}", "PRIVATE KEY"),
        Arguments.of("ECDSA as PKCS#8", "privateKey: {algorithm: ECDSA, encoding: PKCS8}", "PRIVATE KEY"),
        Arguments.of("Ed25519, which has no PKCS#1 form", "privateKey: {algorithm: Ed25519}", "PRIVATE KEY"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keyEncodings")
  void writesKeyDerAsTheDerOfTlsKeyInTheSpecsEncoding(String description, String privateKeyLine, String pemType) {
    Secret secret = build(certificate(privateKeyLine, "additionalOutputFormats: [{type: DER}]"));
    String tlsKey = new String(data(secret, "tls.key"), StandardCharsets.UTF_8);
    assertThat(tlsKey).startsWith("-----BEGIN " + pemType + "-----\n");
    String body = tlsKey.lines().filter(line -> !line.startsWith("-----")).collect(Collectors.joining());
    assertThat(data(secret, "key.der")).isEqualTo(Base64.getDecoder().decode(body));
  }

  @Test
  void writesTheIssuersCaTextWholeAndTrustsEveryCaInIt() throws Exception {
    // Two roots (as during a CA rotation), the second given twice, with text between the blocks.
    Fixtures.Issued next = Fixtures.selfSignedCa("next CA", PrivateKeyAlgorithm.ECDSA, 256, Duration.ofDays(30));
    String nextPem = Pem.encodeCertificates(List.of(next.certificate()));
    String caPem = "# current\n" + Pem.encodeCertificates(List.of(CA.certificate())) + "# next\n" + nextPem + nextPem;
    char[] password = "changeit".toCharArray();
    Certificate certificate = certificate("keystores: {jks: {create: true, passwordSecretRef: {name: pw, key: password}},"
        + " pkcs12: {create: true, passwordSecretRef: {name: pw, key: password}}}");

    Secret secret = build(certificate, caPem, new KeystorePasswords(Optional.of(password), Optional.of(password)));

    assertThat(new String(data(secret, "ca.crt"), StandardCharsets.UTF_8)).isEqualTo(caPem);
    for (String[] store : new String[][] {{"JKS", "truststore.jks"}, {"PKCS12", "truststore.p12"}}) {
      KeyStore truststore = KeyStore.getInstance(store[0]);
      truststore.load(new ByteArrayInputStream(data(secret, store[1])), password);
      assertThat(Collections.list(truststore.aliases()).stream().map(alias -> {
        try {
          return truststore.getCertificate(alias);
        } catch (KeyStoreException e) {
          throw new IllegalStateException(e);
        }
      })).as(store[1]).containsExactlyInAnyOrder(CA.certificate(), next.certificate());
    }
  }
}
