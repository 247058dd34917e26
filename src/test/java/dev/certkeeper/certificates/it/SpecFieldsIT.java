package dev.certkeeper.certificates.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.Openssl;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each Certificate spec field, issued through a CA issuer, shows in what openssl reads from the Secret. */
@ExtendWith(LocalControlPlane.class)
class SpecFieldsIT {
  private static Fixture fixture;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "fields");
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: selfsigned}\nspec: {selfSigned: {}}");
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: ca}\nspec: {isCA: true, commonName: fields CA, secretName: fields-ca, privateKey: {algorithm: ECDSA}, issuerRef: {name: selfsigned}}");
    fixture.awaitCertificate("ca", "True");
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: ca}\nspec: {ca: {secretName: fields-ca}}");
    fixture.awaitIssuer("ca", "True");
  }

  static Stream<Arguments> fields() {
    return Stream.of(
        Arguments.of("rsa-3072-pkcs1", "dnsNames: [a.example.com], privateKey: {algorithm: RSA, size: 3072, encoding: PKCS1}",
            List.of("Public-Key: (3072 bit)"), "-----BEGIN RSA PRIVATE KEY-----"),
        Arguments.of("rsa-4096-pkcs8-sha512", "dnsNames: [a.example.com], privateKey: {algorithm: RSA, size: 4096, encoding: PKCS8}, signatureAlgorithm: SHA512WithRSA",
            List.of("Public-Key: (4096 bit)"), "-----BEGIN PRIVATE KEY-----"),
        Arguments.of("ecdsa-521", "dnsNames: [a.example.com], privateKey: {algorithm: ECDSA, size: 521}",
            List.of("NIST CURVE: P-521"), "-----BEGIN EC PRIVATE KEY-----"),
        Arguments.of("ed25519", "dnsNames: [a.example.com], privateKey: {algorithm: Ed25519}",
            List.of("ED25519"), "-----BEGIN PRIVATE KEY-----"),
        Arguments.of("subject", "commonName: subject.example.com, subject: {organizations: [Example Org], organizationalUnits: [Platform], countries: [DE],"
                + " localities: [Berlin], provinces: [Land Berlin], postalCodes: ['10115'], streetAddresses: [Unter den Linden 1], serialNumber: '42'}",
            List.of("O = Example Org", "OU = Platform", "C = DE", "L = Berlin", "ST = Land Berlin", "postalCode = 10115", "street = Unter den Linden 1", "serialNumber = 42", "CN = subject.example.com"), null),
        // RFC 4514 writes the last RDN first; the certificate (and openssl) list them in DER order.
        Arguments.of("literal-subject", "literalSubject: 'CN=literal.example.com,O=Literal Org,C=NL'",
            List.of("Subject: C = NL, O = Literal Org, CN = literal.example.com"), null),
        Arguments.of("every-san", "uris: ['spiffe://example.org/ns/shop/sa/web'], emailAddresses: [ops@example.com], ipAddresses: ['2001:db8::1'],"
                + " otherNames: [{oid: 1.3.6.1.4.1.311.20.2.3, utf8Value: upn@example.com}]",
            List.of("URI:spiffe://example.org/ns/shop/sa/web", "email:ops@example.com", "IP Address:2001:DB8:0:0:0:0:0:1", "othername:"), null),
        Arguments.of("usages-not-in-request", "dnsNames: [a.example.com], usages: [digital signature, code signing], encodeUsagesInRequest: false",
            List.of("Code Signing", "Digital Signature"), null),
        Arguments.of("ca-with-name-constraints", "commonName: Sub CA, isCA: true, nameConstraints: {critical: true, permitted: {dnsDomains: [shop.example.com]}, excluded: {ipRanges: [10.0.0.0/8]}}",
            List.of("CA:TRUE", "Certificate Sign", "X509v3 Name Constraints: critical", "DNS:shop.example.com", "IP:10.0.0.0/255.0.0.0"), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fields")
  void fieldShowsInTheIssuedCertificate(String name, String spec, List<String> expectedText, String keyHeader) {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + "}\nspec: {secretName: " + name + "-tls, issuerRef: {name: ca}, " + spec + "}");
    fixture.awaitCertificate(name, "True");
    Secret secret = fixture.secret(name + "-tls").orElseThrow();

    String chain = Openssl.file(name, Fixture.data(secret, "tls.crt")).toString();
    assertThat(Openssl.run("verify", "-CAfile", Openssl.file(name + "-ca", Fixture.data(secret, "ca.crt")).toString(), chain)).contains(": OK");
    assertThat(Openssl.run("x509", "-in", chain, "-noout", "-text")).contains(expectedText);
    if (keyHeader != null) {
      assertThat(Fixture.text(secret, "tls.key")).startsWith(keyHeader);
    }
  }
}
