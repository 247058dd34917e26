package dev.certkeeper.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.KeyUsage;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.api.certmanager.PrivateKeyEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CertificateSignerTest {
  private static Fixtures.Issued rsaCa;

  @TempDir Path directory;

  @BeforeAll
  static void ca() {
    rsaCa = Fixtures.selfSignedCa("certkeeper test CA", PrivateKeyAlgorithm.RSA, 2048, Duration.ofDays(365));
  }

  static Stream<Arguments> keyCombinations() {
    return Stream.of(
        Arguments.of(PrivateKeyAlgorithm.RSA, 2048, "{}"),
        Arguments.of(PrivateKeyAlgorithm.RSA, 2048, "{algorithm: ECDSA}"),
        Arguments.of(PrivateKeyAlgorithm.ECDSA, 384, "{algorithm: RSA, size: 3072}"),
        Arguments.of(PrivateKeyAlgorithm.ECDSA, 256, "{algorithm: Ed25519}"),
        Arguments.of(PrivateKeyAlgorithm.ED25519, null, "{algorithm: ECDSA, size: 521}"),
        Arguments.of(PrivateKeyAlgorithm.ED25519, null, "{algorithm: Ed25519}"));
  }

  @ParameterizedTest(name = "{0} {1} CA signs {2}")
  @MethodSource("keyCombinations")
  void caSignedChainVerifiesWithOpenssl(PrivateKeyAlgorithm caAlgorithm, Integer caSize, String leafKey) {
    Fixtures.Issued root = Fixtures.selfSignedCa("Root", caAlgorithm, caSize, Duration.ofDays(30));
    Fixtures.Issued intermediate = Fixtures.leaf(Fixtures.spec(
        "commonName: Intermediate\nisCA: true\nusages: [cert sign, crl sign]\nprivateKey: " + leafKey), root);
    Fixtures.Issued leaf = Fixtures.leaf(Fixtures.spec("dnsNames: [app.example.com]\nusages: [server auth]\nprivateKey: " + leafKey), intermediate);

    String output = Tools.run("openssl", "verify",
        "-CAfile", Tools.write(directory, "root.pem", Pem.encodeCertificates(List.of(root.certificate()))),
        "-untrusted", Tools.write(directory, "intermediate.pem", Pem.encodeCertificates(List.of(intermediate.certificate()))),
        "-purpose", "sslserver",
        Tools.write(directory, "leaf.pem", Pem.encodeCertificates(List.of(leaf.certificate()))));

    assertThat(output).endsWith("leaf.pem: OK\n");
  }

  @Test
  void selfSignedCertificateVerifiesWithItsOwnKey() throws Exception {
    CertificateSpec spec = Fixtures.spec("commonName: self.example.com\ndnsNames: [self.example.com]\nprivateKey: {algorithm: ECDSA}");
    KeyPair keyPair = PrivateKeys.generate(spec.effectivePrivateKey());

    X509Certificate certificate = CertificateSigner.sign(request(spec, keyPair),
        SigningParameters.selfSigned(keyPair.getPrivate(), Instant.now(), Duration.ofDays(90), false, List.of()));

    certificate.verify(keyPair.getPublic());
    assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
    assertThat(certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNull();
    String file = Tools.write(directory, "self.pem", Pem.encodeCertificates(List.of(certificate)));
    assertThat(Tools.run("openssl", "verify", "-CAfile", file, "-check_ss_sig", file)).endsWith("self.pem: OK\n");
  }

  @Test
  void selfSignedCertificateWithOnlyAlternativeNamesIsNamedAfterTheFirst() throws Exception {
    CertificateSpec spec = Fixtures.spec("dnsNames: [first.example.com, second.example.com]\nprivateKey: {algorithm: ECDSA}");
    KeyPair keyPair = PrivateKeys.generate(spec.effectivePrivateKey());

    X509Certificate certificate = CertificateSigner.sign(request(spec, keyPair),
        SigningParameters.selfSigned(keyPair.getPrivate(), Instant.now(), Duration.ofDays(90), false, List.of()));

    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=first.example.com");
    assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
    String file = Tools.write(directory, "names-only.pem", Pem.encodeCertificates(List.of(certificate)));
    assertThat(Tools.run("openssl", "verify", "-CAfile", file, "-check_ss_sig", file)).endsWith("names-only.pem: OK\n");
  }

  @Test
  void refusesNamesOutsideTheCaNameConstraints() {
    KeyPair caKeys = Fixtures.keyPair(PrivateKeyAlgorithm.ECDSA, null);
    CertificateSpec caSpec =
        Fixtures.spec("commonName: constrained\nisCA: true\nnameConstraints: {critical: true, permitted: {dnsDomains: [example.com]}}\nprivateKey: {algorithm: ECDSA}");
    X509Certificate ca = CertificateSigner.sign(request(caSpec, caKeys),
        SigningParameters.selfSigned(caKeys.getPrivate(), Instant.now(), Duration.ofDays(30), true, List.of()));
    Fixtures.Issued constrained = new Fixtures.Issued(caKeys, ca);

    assertThat(Fixtures.leaf(Fixtures.spec("dnsNames: [www.example.com]\nprivateKey: {algorithm: ECDSA}"), constrained).certificate()).isNotNull();
    assertThatThrownBy(() -> Fixtures.leaf(Fixtures.spec("dnsNames: [www.example.org]\nprivateKey: {algorithm: ECDSA}"), constrained))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("name constraints do not allow DNS:www.example.org (the CA's constraints: permitted DNS:example.com)");
  }

  @Test
  void refusesACaCertificateUnderAPathLengthZeroCa() throws Exception {
    String key = Tools.write(directory, "pl0.key", "");
    String crt = Tools.write(directory, "pl0.crt", "");
    Tools.run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=pathlen zero",
        "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0", "-addext", "keyUsage=critical,keyCertSign", "-keyout", key, "-out", crt, "-days", "30");
    Fixtures.Issued ca = new Fixtures.Issued(
        new KeyPair(null, PrivateKeys.parsePem(Files.readString(Path.of(key)))),
        Pem.parseCertificates(Files.readString(Path.of(crt))).get(0));

    assertThat(Fixtures.leaf(Fixtures.spec("dnsNames: [leaf.example.com]\nprivateKey: {algorithm: ECDSA}"), ca).certificate()).isNotNull();
    assertThatThrownBy(() -> Fixtures.leaf(Fixtures.spec("commonName: sub\nisCA: true\nprivateKey: {algorithm: ECDSA}"), ca))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("path length 0");
  }

  @Test
  void extensionsAreWhatOpensslReads() {
    CertificateSpec spec = Fixtures.spec(
        "commonName: app.example.com\ndnsNames: [app.example.com]\nipAddresses: [192.0.2.1]\nusages: [server auth, client auth, digital signature, key encipherment]");
    KeyPair keyPair = PrivateKeys.generate(spec.effectivePrivateKey());
    SigningParameters parameters = SigningParameters.signedBy(
            rsaCa.certificate(), rsaCa.keyPair().getPrivate(), Instant.now(), Duration.ofDays(90), false, spec.usages())
        .withUrls(List.of("http://crl.example.com/ca.crl"), List.of("http://ocsp.example.com"), List.of("http://ca.example.com/ca.crt"));

    X509Certificate certificate = CertificateSigner.sign(request(spec, keyPair), parameters);
    String text = Tools.run("openssl", "x509", "-noout", "-text", "-in", Tools.write(directory, "leaf.pem", Pem.encodeCertificates(List.of(certificate))));

    assertThat(text)
        .containsPattern("X509v3 Basic Constraints: critical\\s+CA:FALSE")
        .containsPattern("X509v3 Key Usage: critical\\s+Digital Signature, Key Encipherment\\n")
        .containsPattern("X509v3 Extended Key Usage: \\s+TLS Web Server Authentication, TLS Web Client Authentication")
        .containsPattern("X509v3 Subject Alternative Name: \\s+DNS:app.example.com, IP Address:192.0.2.1")
        .containsPattern("X509v3 CRL Distribution Points: \\s+Full Name:\\s+URI:http://crl.example.com/ca.crl")
        .containsPattern("Authority Information Access: \\s+OCSP - URI:http://ocsp.example.com\\s+CA Issuers - URI:http://ca.example.com/ca.crt")
        .contains("X509v3 Subject Key Identifier")
        .contains("X509v3 Authority Key Identifier")
        .contains("Signature Algorithm: sha256WithRSAEncryption")
        .contains("Issuer: CN = certkeeper test CA")
        .contains("Subject: CN = app.example.com");
    assertThat(authorityKeyIdentifier(certificate)).isEqualTo(subjectKeyIdentifier(rsaCa.certificate()));
    assertThat(certificate.getSerialNumber()).isPositive();
    assertThat(certificate.getSerialNumber().bitLength()).isEqualTo(128);
  }

  @Test
  void subjectAltNamesAreCriticalWhenTheSubjectIsEmpty() {
    X509Certificate certificate = Fixtures.leaf(Fixtures.spec("dnsNames: [app.example.com]"), rsaCa).certificate();

    assertThat(certificate.getCriticalExtensionOIDs()).contains(Extension.subjectAlternativeName.getId());
    assertThat(certificate.getSubjectX500Principal().getEncoded()).hasSize(2);
  }

  @Test
  void notAfterIsCappedAtTheCaExpiry() {
    Fixtures.Issued shortLivedCa = Fixtures.selfSignedCa("Short", PrivateKeyAlgorithm.ECDSA, 256, Duration.ofHours(2));

    X509Certificate capped = Fixtures.leaf(Fixtures.spec("dnsNames: [a.example.com]\nduration: 2160h"), shortLivedCa).certificate();
    X509Certificate inside = Fixtures.leaf(Fixtures.spec("dnsNames: [a.example.com]\nduration: 1h"), shortLivedCa).certificate();

    assertThat(capped.getNotAfter()).isEqualTo(shortLivedCa.certificate().getNotAfter());
    assertThat(inside.getNotAfter()).isBefore(shortLivedCa.certificate().getNotAfter());
    assertThat(Duration.between(inside.getNotBefore().toInstant(), inside.getNotAfter().toInstant())).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void anExpiredCaCannotSign() {
    Fixtures.Issued ca = Fixtures.selfSignedCa("Old", PrivateKeyAlgorithm.ECDSA, 256, Duration.ofHours(1));
    CertificateSpec spec = Fixtures.spec("dnsNames: [a.example.com]\nprivateKey: {algorithm: ECDSA}");
    ParsedRequest request = request(spec, PrivateKeys.generate(spec.effectivePrivateKey()));
    Instant later = Instant.now().plus(2, ChronoUnit.HOURS);

    assertThatThrownBy(() -> CertificateSigner.sign(request, SigningParameters.signedBy(
            ca.certificate(), ca.keyPair().getPrivate(), later, Duration.ofDays(1), false, List.of())))
        .isInstanceOf(PkiException.class)
        .hasMessageStartingWith("the CA certificate expired at")
        .hasMessageEndingWith(": renew the CA before it can issue certificates");
  }

  static Stream<Arguments> signatureAlgorithms() {
    return Stream.of(
        Arguments.of(PrivateKeyAlgorithm.RSA, 2048, "privateKey: {algorithm: ECDSA}", "SHA256withRSA"),
        Arguments.of(PrivateKeyAlgorithm.RSA, 2048, "privateKey: {algorithm: Ed25519}", "SHA256withRSA"),
        Arguments.of(PrivateKeyAlgorithm.RSA, 2048, "signatureAlgorithm: SHA512WithRSA", "SHA512withRSA"),
        Arguments.of(PrivateKeyAlgorithm.RSA, 3072, "privateKey: {algorithm: ECDSA}", "SHA384withRSA"),
        Arguments.of(PrivateKeyAlgorithm.ECDSA, 256, "privateKey: {algorithm: RSA}", "SHA256withECDSA"),
        Arguments.of(PrivateKeyAlgorithm.ECDSA, 256, "privateKey: {algorithm: ECDSA, size: 384}", "SHA384withECDSA"),
        Arguments.of(PrivateKeyAlgorithm.ECDSA, 521, "privateKey: {algorithm: Ed25519}", "SHA512withECDSA"),
        Arguments.of(PrivateKeyAlgorithm.ED25519, null, "privateKey: {algorithm: ECDSA}", "Ed25519"));
  }

  @ParameterizedTest(name = "{0} {1} CA, leaf {2}")
  @MethodSource("signatureAlgorithms")
  void theRequestsAlgorithmIsKeptWhenTheCaKeyCanUseItElseTheCaKeysDefault(
      PrivateKeyAlgorithm caAlgorithm, Integer caSize, String leafYaml, String expected) throws Exception {
    Fixtures.Issued ca = caAlgorithm == PrivateKeyAlgorithm.RSA && caSize == 2048 ? rsaCa : Fixtures.selfSignedCa("CA", caAlgorithm, caSize, Duration.ofDays(1));

    X509Certificate certificate = Fixtures.leaf(Fixtures.spec("dnsNames: [a.example.com]\n" + leafYaml), ca).certificate();

    assertThat(certificate.getSigAlgName()).isEqualToIgnoringCase(expected);
    certificate.verify(ca.certificate().getPublicKey());
  }

  @Test
  void ed25519EndToEnd() throws Exception {
    Fixtures.Issued ca = Fixtures.selfSignedCa("Ed CA", PrivateKeyAlgorithm.ED25519, null, Duration.ofDays(1));
    Fixtures.Issued leaf = Fixtures.leaf(Fixtures.spec("commonName: ed.example.com\ndnsNames: [ed.example.com]\nprivateKey: {algorithm: Ed25519}"), ca);

    leaf.certificate().verify(ca.certificate().getPublicKey());
    String keyFile = Tools.write(directory, "leaf.key", PrivateKeys.toPem(leaf.keyPair().getPrivate(), PrivateKeyEncoding.PKCS8));
    String certFile = Tools.write(directory, "leaf.pem", Pem.encodeCertificates(List.of(leaf.certificate())));
    assertThat(Tools.run("openssl", "verify", "-CAfile", Tools.write(directory, "ca.pem", Pem.encodeCertificates(List.of(ca.certificate()))), certFile))
        .endsWith("leaf.pem: OK\n");
    assertThat(Tools.run("openssl", "x509", "-noout", "-pubkey", "-in", certFile))
        .isEqualTo(Tools.run("openssl", "pkey", "-pubout", "-in", keyFile));
    assertThat(PrivateKeys.describe(leaf.certificate().getPublicKey())).isEqualTo(new KeyDescription(PrivateKeyAlgorithm.ED25519, 0));
  }

  static Stream<Arguments> usages() {
    return Stream.of(
        Arguments.of("usages: [server auth]\nencodeUsagesInRequest: false", List.of(KeyUsage.SERVER_AUTH), false, List.of(KeyUsage.SERVER_AUTH)),
        Arguments.of("usages: [client auth, signing]", List.of(), false, List.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.CLIENT_AUTH)),
        Arguments.of("encodeUsagesInRequest: false", List.of(), false, List.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT)),
        Arguments.of("usages: [digital signature, email protection]", List.of(KeyUsage.SIGNING, KeyUsage.S_MIME), false,
            List.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.EMAIL_PROTECTION)),
        Arguments.of("isCA: true\nencodeUsagesInRequest: false", List.of(), true,
            List.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT, KeyUsage.CERT_SIGN)),
        Arguments.of("isCA: true\nusages: [crl sign]", List.of(KeyUsage.CRL_SIGN), true, List.of(KeyUsage.CERT_SIGN, KeyUsage.CRL_SIGN)));
  }

  @ParameterizedTest(name = "{0} / CertificateRequest {1}")
  @MethodSource("usages")
  void usagesAreTheCertificateRequestsElseTheCsrsElseTheDefault(String yaml, List<KeyUsage> requestUsages, boolean isCA, List<KeyUsage> expected) {
    CertificateSpec spec = Fixtures.spec("dnsNames: [a.example.com]\nprivateKey: {algorithm: ECDSA}\n" + yaml);
    KeyPair keyPair = PrivateKeys.generate(spec.effectivePrivateKey());

    X509Certificate certificate = CertificateSigner.sign(request(spec, keyPair), SigningParameters.signedBy(
        rsaCa.certificate(), rsaCa.keyPair().getPrivate(), Instant.now(), Duration.ofDays(1), isCA, requestUsages));

    assertThat(CertificateInfo.of(certificate).usages()).isEqualTo(expected);
    assertThat(CertificateInfo.of(certificate).isCA()).isEqualTo(isCA);
  }

  static Stream<Arguments> disagreements() {
    return Stream.of(
        Arguments.of("usages: [server auth]", List.of(KeyUsage.CLIENT_AUTH), false,
            "the certificate request asks for usages [server auth] but the CertificateRequest lists [client auth]: the usages in the request and in spec.usages must be the same"),
        Arguments.of("usages: [digital signature]", List.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT), false,
            "the certificate request asks for usages [digital signature] but the CertificateRequest lists [digital signature, key encipherment]:"
                + " the usages in the request and in spec.usages must be the same"),
        Arguments.of("isCA: true\nencodeUsagesInRequest: false", List.of(), false,
            "the certificate request asks for isCA true but the CertificateRequest has isCA false"));
  }

  @ParameterizedTest(name = "{0} / CertificateRequest {1}")
  @MethodSource("disagreements")
  void aCsrThatDisagreesWithItsCertificateRequestIsRefused(String yaml, List<KeyUsage> requestUsages, boolean isCA, String message) {
    CertificateSpec spec = Fixtures.spec("dnsNames: [a.example.com]\nprivateKey: {algorithm: ECDSA}\n" + yaml);
    ParsedRequest request = request(spec, PrivateKeys.generate(spec.effectivePrivateKey()));

    assertThatThrownBy(() -> CertificateSigner.sign(request, SigningParameters.signedBy(
            rsaCa.certificate(), rsaCa.keyPair().getPrivate(), Instant.now(), Duration.ofDays(1), isCA, requestUsages)))
        .isInstanceOf(PkiException.class)
        .hasMessage(message);
  }

  @Test
  void aKeyThatDoesNotBelongIsRefused() {
    CertificateSpec spec = Fixtures.spec("commonName: a\nprivateKey: {algorithm: ECDSA}");
    ParsedRequest request = request(spec, PrivateKeys.generate(spec.effectivePrivateKey()));
    KeyPair stranger = Fixtures.keyPair(PrivateKeyAlgorithm.ECDSA, null);

    assertThatThrownBy(() -> CertificateSigner.sign(request, SigningParameters.selfSigned(stranger.getPrivate(), Instant.now(), Duration.ofDays(1), false, List.of())))
        .isInstanceOf(PkiException.class)
        .hasMessage("the private key does not match the public key of the certificate request");
    assertThatThrownBy(() -> CertificateSigner.sign(request, SigningParameters.signedBy(
            rsaCa.certificate(), stranger.getPrivate(), Instant.now(), Duration.ofDays(1), false, List.of())))
        .isInstanceOf(PkiException.class)
        .hasMessage("the CA certificate and private key do not match");
  }

  @Test
  void nameConstraintsAreCopiedIntoCaCertificatesOnly() {
    String constraints = "nameConstraints: {critical: true, permitted: {dnsDomains: [example.com]}}\nprivateKey: {algorithm: ECDSA}";
    CertificateSpec spec = Fixtures.spec("commonName: Constrained\nisCA: true\n" + constraints);
    ParsedRequest request = request(spec, PrivateKeys.generate(spec.effectivePrivateKey()));

    X509Certificate ca = CertificateSigner.sign(request, SigningParameters.signedBy(
        rsaCa.certificate(), rsaCa.keyPair().getPrivate(), Instant.now(), Duration.ofDays(1), true, List.of()));
    String text = Tools.run("openssl", "x509", "-noout", "-text", "-in", Tools.write(directory, "ca.pem", Pem.encodeCertificates(List.of(ca))));

    assertThat(text).containsPattern("X509v3 Name Constraints: critical\\s+Permitted:\\s+DNS:example.com");
    assertThat(ca.getCriticalExtensionOIDs()).contains(Extension.nameConstraints.getId());

    CertificateSpec leafSpec = Fixtures.spec("commonName: Leaf\n" + constraints);
    X509Certificate leaf = CertificateSigner.sign(request(leafSpec, PrivateKeys.generate(leafSpec.effectivePrivateKey())), SigningParameters.signedBy(
        rsaCa.certificate(), rsaCa.keyPair().getPrivate(), Instant.now(), Duration.ofDays(1), false, List.of()));
    assertThat(leaf.getExtensionValue(Extension.nameConstraints.getId())).isNull();
  }

  private static ParsedRequest request(CertificateSpec spec, KeyPair keyPair) {
    return CertificateSigningRequests.parse(CertificateSigningRequests.create(spec, keyPair));
  }

  private static byte[] subjectKeyIdentifier(X509Certificate certificate) {
    return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets())
        .getKeyIdentifier();
  }

  private static byte[] authorityKeyIdentifier(X509Certificate certificate) {
    return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets())
        .getKeyIdentifierOctets();
  }
}
