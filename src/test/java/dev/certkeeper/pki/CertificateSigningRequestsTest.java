package dev.certkeeper.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.KeyUsage;
import dev.certkeeper.api.certmanager.OtherName;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CertificateSigningRequestsTest {
  private static final String EVERY_FIELD =
      """
      commonName: app.example.com
      subject:
        organizations: [Example]
        organizationalUnits: [Web]
        countries: [DE]
        localities: [Berlin]
        provinces: [Brandenburg]
        streetAddresses: [Unter den Linden 1]
        postalCodes: ["10117"]
        serialNumber: "1234"
      dnsNames: [app.example.com, www.example.com]
      ipAddresses: [192.0.2.10, "2001:DB8::1"]
      uris: ["spiffe://cluster.local/ns/app/sa/web"]
      emailAddresses: [ops@example.com]
      otherNames: [{oid: 1.3.6.1.4.1.311.20.2.3, utf8Value: upn@example.com}]
      usages: [server auth, client auth, signing, key encipherment]
      isCA: true
      nameConstraints:
        critical: true
        permitted: {dnsDomains: [example.com], ipRanges: [192.0.2.0/24], emailAddresses: [example.com], uriDomains: [.example.com]}
        excluded: {dnsDomains: [bad.example.com]}
      privateKey: {algorithm: ECDSA, size: 384}
      """;

  @TempDir Path directory;

  @Test
  void csrCarriesEveryNameOfTheSpec() {
    CertificateSpec spec = Fixtures.spec(EVERY_FIELD);

    ParsedRequest request = CertificateSigningRequests.parse(CertificateSigningRequests.create(spec, PrivateKeys.generate(spec.effectivePrivateKey())));

    assertThat(request.commonName()).isEqualTo("app.example.com");
    assertThat(DistinguishedNames.values(request.subject(), BCStyle.O)).containsExactly("Example");
    assertThat(DistinguishedNames.values(request.subject(), BCStyle.OU)).containsExactly("Web");
    assertThat(DistinguishedNames.values(request.subject(), BCStyle.C)).containsExactly("DE");
    assertThat(DistinguishedNames.values(request.subject(), BCStyle.L)).containsExactly("Berlin");
    assertThat(DistinguishedNames.values(request.subject(), BCStyle.ST)).containsExactly("Brandenburg");
    assertThat(DistinguishedNames.values(request.subject(), BCStyle.STREET)).containsExactly("Unter den Linden 1");
    assertThat(DistinguishedNames.values(request.subject(), BCStyle.POSTAL_CODE)).containsExactly("10117");
    assertThat(DistinguishedNames.values(request.subject(), BCStyle.SERIALNUMBER)).containsExactly("1234");
    assertThat(request.alternativeNames()).isEqualTo(new AlternativeNames(
        List.of("app.example.com", "www.example.com"),
        List.of("192.0.2.10", "2001:db8::1"),
        List.of("spiffe://cluster.local/ns/app/sa/web"),
        List.of("ops@example.com"),
        List.of(new OtherName("1.3.6.1.4.1.311.20.2.3", "upn@example.com"))));
    assertThat(request.usages()).containsExactly(
        KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT, KeyUsage.CERT_SIGN, KeyUsage.SERVER_AUTH, KeyUsage.CLIENT_AUTH);
    assertThat(request.extension(Extension.keyUsage)).hasValueSatisfying(extension -> assertThat(extension.isCritical()).isTrue());
    assertThat(request.basicConstraints()).hasValueSatisfying(constraints -> assertThat(constraints.isCA()).isTrue());
    assertThat(request.extension(Extension.subjectAlternativeName)).hasValueSatisfying(extension -> assertThat(extension.isCritical()).isFalse());
    assertThat(request.extension(Extension.nameConstraints)).hasValueSatisfying(extension -> {
      assertThat(extension.isCritical()).isTrue();
      NameConstraints constraints = NameConstraints.getInstance(extension.getParsedValue());
      assertThat(constraints.getPermittedSubtrees()).extracting(GeneralSubtree::getBase).map(Object::toString)
          .containsExactly("2: example.com", "7: #c0000200ffffff00", "1: example.com", "6: .example.com");
      assertThat(constraints.getExcludedSubtrees()).extracting(GeneralSubtree::getBase).map(Object::toString).containsExactly("2: bad.example.com");
    });
    assertThat(request.signatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.10045.4.3.3");
  }

  @Test
  void opensslVerifiesTheCsrAndSeesEveryField() {
    CertificateSpec spec = Fixtures.spec(EVERY_FIELD);
    String csr = Tools.write(directory, "csr.pem", CertificateSigningRequests.create(spec, PrivateKeys.generate(spec.effectivePrivateKey())));

    String text = Tools.run("openssl", "req", "-in", csr, "-noout", "-text", "-verify");

    assertThat(text)
        .contains("verify OK")
        .contains("Subject: C = DE, ST = Brandenburg, L = Berlin, street = Unter den Linden 1, postalCode = 10117, O = Example, OU = Web,"
            + " CN = app.example.com, serialNumber = 1234")
        .contains("DNS:app.example.com, DNS:www.example.com, email:ops@example.com, IP Address:192.0.2.10, IP Address:2001:DB8:0:0:0:0:0:1,"
            + " URI:spiffe://cluster.local/ns/app/sa/web, othername: UPN::upn@example.com")
        .containsPattern("X509v3 Key Usage: critical\\s+Digital Signature, Key Encipherment, Certificate Sign")
        .containsPattern("X509v3 Extended Key Usage: \\s+TLS Web Server Authentication, TLS Web Client Authentication")
        .containsPattern("X509v3 Basic Constraints: critical\\s+CA:TRUE")
        .containsPattern("X509v3 Name Constraints: critical\\s+Permitted:\\s+DNS:example.com\\s+IP:192.0.2.0/255.255.255.0\\s+email:example.com"
            + "\\s+URI:.example.com\\s+Excluded:\\s+DNS:bad.example.com")
        .contains("Signature Algorithm: ecdsa-with-SHA384")
        .contains("ASN1 OID: secp384r1");
  }

  @Test
  void literalSubjectOrderIsPreserved() {
    String literal = "CN=app,OU=Web+OU=Ops,O=Example\\, Inc.,L=Berlin,C=DE";
    CertificateSpec spec =
        Fixtures.spec("literalSubject: \"" + literal.replace("\\", "\\\\") + "\"\ndnsNames: [app.example.com]\nprivateKey: {algorithm: ECDSA}");
    String csr = Tools.write(directory, "csr.pem", CertificateSigningRequests.create(spec, Fixtures.keyPair(PrivateKeyAlgorithm.ECDSA, 256)));

    assertThat(Tools.run("openssl", "req", "-in", csr, "-noout", "-subject", "-nameopt", "RFC2253")).isEqualTo("subject=" + literal + "\n");
    assertThat(Tools.run("openssl", "req", "-in", csr, "-noout", "-subject", "-nameopt", "oneline"))
        .isEqualTo("subject=C = DE, L = Berlin, O = \"Example, Inc.\", OU = Ops + OU = Web, CN = app\n");
  }

  @Test
  void usagesDefaultToDigitalSignatureAndKeyEnciphermentWithoutExtendedUsages() {
    ParsedRequest request = create("dnsNames: [app.example.com]\nprivateKey: {algorithm: ECDSA}");

    assertThat(request.usages()).containsExactly(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT);
    assertThat(request.extension(Extension.extendedKeyUsage)).isEmpty();
    assertThat(request.basicConstraints()).isEmpty();
  }

  @Test
  void encodeUsagesInRequestFalseLeavesUsagesOut() {
    ParsedRequest request = create("dnsNames: [app.example.com]\nusages: [server auth]\nencodeUsagesInRequest: false\nprivateKey: {algorithm: ECDSA}");

    assertThat(request.usages()).isEmpty();
    assertThat(request.extension(Extension.keyUsage)).isEmpty();
  }

  @Test
  void onlyExtendedUsagesGiveNoKeyUsageExtension() {
    ParsedRequest request = create("dnsNames: [app.example.com]\nusages: [server auth, s/mime, email protection]\nprivateKey: {algorithm: ECDSA}");

    assertThat(request.extension(Extension.keyUsage)).isEmpty();
    assertThat(request.usages()).containsExactly(KeyUsage.SERVER_AUTH, KeyUsage.EMAIL_PROTECTION);
  }

  @ParameterizedTest(name = "subject [{0}]")
  @CsvSource(delimiter = '|', value = {
    "commonName: app.example.com | false",
    "subject: {organizations: [Example]} | false",
    "literalSubject: O=Example | false",
    "'' | true"
  })
  void subjectAltNamesAreCriticalOnlyWithAnEmptySubject(String subject, boolean critical) {
    ParsedRequest request = create(subject + "\ndnsNames: [app.example.com]\nprivateKey: {algorithm: ECDSA}");

    assertThat(request.subject().getRDNs().length == 0).isEqualTo(critical);
    assertThat(request.extension(Extension.subjectAlternativeName)).hasValueSatisfying(extension -> assertThat(extension.isCritical()).isEqualTo(critical));
  }

  static Stream<Arguments> signatureAlgorithms() {
    return Stream.of(
        Arguments.of("{}", null, "1.2.840.113549.1.1.11"),
        Arguments.of("{algorithm: RSA, size: 3072}", null, "1.2.840.113549.1.1.12"),
        Arguments.of("{algorithm: RSA, size: 4096}", null, "1.2.840.113549.1.1.13"),
        Arguments.of("{size: 4096}", null, "1.2.840.113549.1.1.13"),
        Arguments.of("{algorithm: ECDSA}", null, "1.2.840.10045.4.3.2"),
        Arguments.of("{algorithm: ECDSA, size: 384}", null, "1.2.840.10045.4.3.3"),
        Arguments.of("{algorithm: ECDSA, size: 521}", null, "1.2.840.10045.4.3.4"),
        Arguments.of("{algorithm: Ed25519}", null, "1.3.101.112"),
        Arguments.of("{}", "SHA512WithRSA", "1.2.840.113549.1.1.13"),
        Arguments.of("{algorithm: ECDSA, size: 384}", "ECDSAWithSHA256", "1.2.840.10045.4.3.2"),
        Arguments.of("{algorithm: Ed25519}", "PureEd25519", "1.3.101.112"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("signatureAlgorithms")
  void signatureAlgorithmIsTheSpecsElseCertManagersDefaultForTheKey(String privateKey, String signatureAlgorithm, String oid) {
    ParsedRequest request = create("dnsNames: [app.example.com]\nprivateKey: " + privateKey
        + (signatureAlgorithm == null ? "" : "\nsignatureAlgorithm: " + signatureAlgorithm));

    assertThat(request.signatureAlgorithm().getAlgorithm().getId()).isEqualTo(oid);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("signatureAlgorithms")
  void expectedSaysWhatTheSignedCsrSays(String privateKey, String signatureAlgorithm, String oid) {
    CertificateSpec spec = Fixtures.spec("dnsNames: [app.example.com]\nusages: [server auth]\nprivateKey: " + privateKey
        + (signatureAlgorithm == null ? "" : "\nsignatureAlgorithm: " + signatureAlgorithm));
    KeyPair keyPair = PrivateKeys.generate(spec.effectivePrivateKey());

    assertThat(CertificateSigningRequests.expected(spec, keyPair.getPublic())).isEqualTo(CertificateSigningRequests.parse(CertificateSigningRequests.create(spec, keyPair)));
  }

  @Test
  void expectedSaysWhatTheSignedCsrSaysForEveryField() {
    CertificateSpec spec = Fixtures.spec(EVERY_FIELD);
    KeyPair keyPair = PrivateKeys.generate(spec.effectivePrivateKey());
    CertificateSpec other = Fixtures.spec(EVERY_FIELD.replace("www.example.com", "api.example.com"));

    assertThat(CertificateSigningRequests.expected(spec, keyPair.getPublic())).isEqualTo(CertificateSigningRequests.read(CertificateSigningRequests.create(spec, keyPair)));
    assertThat(CertificateSigningRequests.expected(other, keyPair.getPublic())).isNotEqualTo(CertificateSigningRequests.read(CertificateSigningRequests.create(spec, keyPair)));
    assertThat(CertificateSigningRequests.expected(spec, PrivateKeys.generate(spec.effectivePrivateKey()).getPublic()))
        .isNotEqualTo(CertificateSigningRequests.read(CertificateSigningRequests.create(spec, keyPair)));
  }

  static Stream<Arguments> unusableSpecs() {
    return Stream.of(
        Arguments.of("subject: {organizations: [Example]}", null,
            "the Certificate names no identity: set commonName (or a CN in literalSubject), dnsNames, ipAddresses, uris, emailAddresses or otherNames"),
        Arguments.of("dnsNames: [bücher.example]", null, "dnsNames: \"bücher.example\" has characters outside ASCII"),
        Arguments.of("ipAddresses: [example.com]", null, "\"example.com\" is not an IP address"),
        Arguments.of("literalSubject: CN=app,E=a@example.com", null, "literalSubject: unknown attribute \"E\""),
        Arguments.of("commonName: app\nsignatureAlgorithm: ECDSAWithSHA256", PrivateKeyAlgorithm.RSA,
            "signature algorithm SHA256withECDSA is for ECDSA keys, but the private key is RSA 2048"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableSpecs")
  void specsThatCannotBecomeACsrSayWhy(String yaml, PrivateKeyAlgorithm keyAlgorithm, String message) {
    CertificateSpec spec = Fixtures.spec(yaml);
    KeyPair keyPair = Fixtures.keyPair(keyAlgorithm == null ? PrivateKeyAlgorithm.ECDSA : keyAlgorithm, null);

    assertThatThrownBy(() -> CertificateSigningRequests.create(spec, keyPair)).isInstanceOf(PkiException.class).hasMessageStartingWith(message);
    assertThatThrownBy(() -> CertificateSigningRequests.expected(spec, keyPair.getPublic())).isInstanceOf(PkiException.class).hasMessageStartingWith(message);
  }

  @Test
  void aTamperedCsrIsRejected() {
    String tampered = csrWithCommonNameChangedAfterSigning();

    assertThatThrownBy(() -> CertificateSigningRequests.parse(tampered))
        .isInstanceOf(PkiException.class)
        .hasMessage("the certificate request's signature does not verify: it was not signed by the key it carries");
  }

  @Test
  void readTrustsTheSignatureOfItsOwnRequests() {
    String tampered = csrWithCommonNameChangedAfterSigning();

    assertThat(CertificateSigningRequests.read(tampered).commonName()).isEqualTo("xpp");
  }

  @Test
  void textWithoutACsrIsRejected() {
    assertThatThrownBy(() -> CertificateSigningRequests.parse("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n"))
        .isInstanceOf(PkiException.class)
        .hasMessage("no PEM certificate request found: expected a -----BEGIN CERTIFICATE REQUEST----- block");
    assertThatThrownBy(() -> CertificateSigningRequests.parse("-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getEncoder().encodeToString(new byte[] {1, 2}) + "\n-----END CERTIFICATE REQUEST-----\n"))
        .isInstanceOf(PkiException.class)
        .hasMessageStartingWith("PEM block 1 (CERTIFICATE REQUEST) is not a valid PKCS#10 request");
  }

  /** A CSR for CN "app" whose CN was changed to "xpp" after it was signed. */
  private static String csrWithCommonNameChangedAfterSigning() {
    String pem = CertificateSigningRequests.create(
        Fixtures.spec("commonName: app\nprivateKey: {algorithm: ECDSA}"), Fixtures.keyPair(PrivateKeyAlgorithm.ECDSA, null));
    byte[] der = Pem.blocks(pem).get(0).der();
    int commonName = new String(der, StandardCharsets.ISO_8859_1).indexOf("app");
    der[commonName] = 'x';
    return Pem.encode("CERTIFICATE REQUEST", der);
  }

  private static ParsedRequest create(String yaml) {
    CertificateSpec spec = Fixtures.spec(yaml);
    return CertificateSigningRequests.parse(CertificateSigningRequests.create(spec, PrivateKeys.generate(spec.effectivePrivateKey())));
  }
}
