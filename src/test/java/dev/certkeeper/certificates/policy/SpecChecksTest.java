package dev.certkeeper.certificates.policy;

import static dev.certkeeper.certificates.policy.Fixtures.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CurrentCertificateRequestMismatchesSpec (RequestChanged) and the issued certificate against the spec (SecretMismatch). */
class SpecChecksTest {
  private static final KeyPair KEYS = TestPki.key("RSA-2048");
  private static final String NOT_UP_TO_DATE = "Issuing certificate as Existing issued Secret is not up to date for spec: ";

  /** A request for web.example.com whose own fields are these lines. */
  private static RequestState currentRequest(String... requestLines) {
    return Fixtures.currentRequest(certificate("dnsNames: [web.example.com]"), KEYS.getPublic(), requestLines);
  }

  private static PolicyInput issued(Certificate certificate, X509Certificate x509, RequestState request) {
    return Fixtures.input(certificate, Fixtures.issued(certificate, x509, KEYS.getPrivate()), request);
  }

  static Stream<Arguments> requestFields() {
    return Stream.of(
        Arguments.of("unchanged", new String[] {"duration: 2160h"}, new String[] {"duration: 2160h"}, null),
        Arguments.of("isCA turned on", new String[] {"isCA: true"}, new String[] {}, "[spec.isCA]"),
        Arguments.of("usages changed", new String[] {"usages: [server auth]"}, new String[] {}, "[spec.usages]"),
        Arguments.of("same usages in another order", new String[] {"usages: [key encipherment, digital signature]"},
            new String[] {"usages: [digital signature, key encipherment]"}, null),
        Arguments.of("default usages written out", new String[] {"usages: [digital signature, key encipherment]"}, new String[] {}, null),
        Arguments.of("duration changed", new String[] {"duration: 720h"}, new String[] {"duration: 2160h"}, "[spec.duration]"),
        Arguments.of("same duration spelled differently", new String[] {"duration: 90m"}, new String[] {"duration: 1h30m"}, null),
        Arguments.of("duration added to the spec", new String[] {"duration: 720h"}, new String[] {}, null),
        Arguments.of("issuer renamed", new String[] {"issuerRef: {name: other-ca}"}, new String[] {}, "[spec.issuerRef]"),
        Arguments.of("issuer kind written out", new String[] {"issuerRef: {name: ca, kind: Issuer, group: cert-manager.io}"},
            new String[] {}, null),
        Arguments.of("several fields", new String[] {"isCA: true", "usages: [cert sign]"}, new String[] {}, "[spec.isCA spec.usages]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requestFields")
  void reissuesWhenTheSpecMovedAwayFromTheCurrentRequest(String description, String[] specLines, String[] requestLines, String fields) {
    Certificate certificate = certificate(Stream.concat(Stream.of("dnsNames: [web.example.com]"), Stream.of(specLines)).toArray(String[]::new));
    PolicyInput input = issued(certificate, Fixtures.webCertificate(KEYS).build(), currentRequest(requestLines));
    assertThat(SpecChecks.currentCertificateRequestMismatchesSpec(input)).isEqualTo(Optional.ofNullable(fields)
        .map(f -> new Violation("RequestChanged", "Fields on existing CertificateRequest resource not up to date: " + f)));
  }

  static Stream<Arguments> requestedNamesAndSubject() {
    String[] web = {"dnsNames: [web.example.com]"};
    return Stream.of(
        Arguments.of("nothing changed", new String[] {"commonName: web.example.com", "dnsNames: [web.example.com]",
            "subject: {organizations: [Example Ltd], serialNumber: \"42\"}", "ipAddresses: [\"2001:db8::1\"]",
            "otherNames: [{oid: 1.3.6.1.4.1.311.20.2.3, utf8Value: web@example.com}]"}, null, null),
        Arguments.of("common name dropped while the name stays a DNS name",
            new String[] {"commonName: web.example.com", "dnsNames: [web.example.com]"}, web, "[spec.commonName]"),
        Arguments.of("organization added", web, new String[] {"dnsNames: [web.example.com]", "subject: {organizations: [Example Ltd]}"},
            "[spec.subject.organizations]"),
        Arguments.of("organization changed", new String[] {"dnsNames: [web.example.com]", "subject: {organizations: [Old Ltd]}"},
            new String[] {"dnsNames: [web.example.com]", "subject: {organizations: [New Ltd]}"}, "[spec.subject.organizations]"),
        Arguments.of("serial number changed", new String[] {"dnsNames: [web.example.com]", "subject: {serialNumber: \"41\"}"},
            new String[] {"dnsNames: [web.example.com]", "subject: {serialNumber: \"42\"}"}, "[spec.subject.serialNumber]"),
        Arguments.of("every other subject field added", web, new String[] {"dnsNames: [web.example.com]", "subject: {countries: [GB],"
            + " localities: [Leeds], organizationalUnits: [web], postalCodes: [LS1], provinces: [Yorkshire], streetAddresses: [1 Main St]}"},
            "[spec.subject.countries spec.subject.localities spec.subject.organizationalUnits spec.subject.postalCodes"
                + " spec.subject.provinces spec.subject.streetAddresses]"),
        Arguments.of("literal subject changed", new String[] {"dnsNames: [web.example.com]", "literalSubject: \"CN=web,O=Old Ltd\""},
            new String[] {"dnsNames: [web.example.com]", "literalSubject: \"CN=web,O=New Ltd\""}, "[spec.literalSubject]"),
        Arguments.of("literal subject reordered", new String[] {"dnsNames: [web.example.com]", "literalSubject: \"CN=web,O=Example Ltd\""},
            new String[] {"dnsNames: [web.example.com]", "literalSubject: \"O=Example Ltd,CN=web\""}, "[spec.literalSubject]"),
        Arguments.of("literal subject replaces the subject", new String[] {"dnsNames: [web.example.com]", "subject: {organizations: [Example Ltd]}"},
            new String[] {"dnsNames: [web.example.com]", "literalSubject: \"O=Example Ltd\""}, null),
        Arguments.of("otherName changed", new String[] {"dnsNames: [web.example.com]", "otherNames: [{oid: 1.3.6.1.4.1.311.20.2.3, utf8Value: a@example.com}]"},
            new String[] {"dnsNames: [web.example.com]", "otherNames: [{oid: 1.3.6.1.4.1.311.20.2.3, utf8Value: b@example.com}]"},
            "[spec.otherNames]"),
        Arguments.of("otherNames removed", new String[] {"dnsNames: [web.example.com]", "otherNames: [{oid: 1.3.6.1.4.1.311.20.2.3, utf8Value: a@example.com}]"},
            web, "[spec.otherNames]"),
        Arguments.of("a blank literal subject, which the request was built without", new String[] {"dnsNames: [web.example.com]", "literalSubject: \" \""},
            null, null),
        Arguments.of("names in another order", new String[] {"dnsNames: [a.example.com, b.example.com]", "ipAddresses: [192.0.2.1, 192.0.2.2]"},
            new String[] {"dnsNames: [b.example.com, a.example.com]", "ipAddresses: [192.0.2.2, 192.0.2.1]"}, null),
        Arguments.of("every name changed", new String[] {"dnsNames: [a.example.com]", "ipAddresses: [192.0.2.1]", "uris: [\"https://a.example.com\"]",
            "emailAddresses: [a@example.com]"}, new String[] {"dnsNames: [b.example.com]", "ipAddresses: [192.0.2.2]",
            "uris: [\"https://b.example.com\"]", "emailAddresses: [b@example.com]"},
            "[spec.ipAddresses spec.uris spec.emailAddresses spec.dnsNames]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requestedNamesAndSubject")
  void reissuesWhenTheNamesOrSubjectMovedAwayFromTheCurrentRequestsCsr(String description, String[] requestedLines, String[] specLines, String fields) {
    Certificate requestedFor = certificate(requestedLines);
    Certificate certificate = specLines == null ? requestedFor : certificate(specLines);
    PolicyInput input = issued(certificate, Fixtures.webCertificate(KEYS).build(), Fixtures.currentRequest(requestedFor, KEYS.getPublic()));
    assertThat(SpecChecks.currentCertificateRequestMismatchesSpec(input)).isEqualTo(Optional.ofNullable(fields)
        .map(f -> new Violation("RequestChanged", "Fields on existing CertificateRequest resource not up to date: " + f)));
  }

  @Test
  void anUnreadableCurrentRequestTriggersNoReissueHere() {
    // cert-manager leaves it to the key check to report; the certificate may still fit the spec.
    Certificate certificate = certificate("dnsNames: [web.example.com]", "isCA: true");
    RequestState unreadable = new RequestState(Fixtures.request(), null, "no CERTIFICATE REQUEST PEM block");
    assertThat(SpecChecks.currentCertificateRequestMismatchesSpec(issued(certificate, Fixtures.webCertificate(KEYS).build(), unreadable)))
        .isEmpty();
  }

  @Test
  void withoutACurrentRequestThereIsNoRequestToCompare() {
    Certificate certificate = certificate("dnsNames: [web.example.com]", "isCA: true");
    assertThat(SpecChecks.currentCertificateRequestMismatchesSpec(issued(certificate, Fixtures.webCertificate(KEYS).build(), null)))
        .isEmpty();
  }

  static Stream<Arguments> names() {
    UnaryOperator<TestPki.Builder> web = b -> b.dnsNames("web.example.com");
    return Stream.of(
        Arguments.of("same DNS name", new String[] {"dnsNames: [web.example.com]"}, web, null),
        Arguments.of("DNS name added", new String[] {"dnsNames: [web.example.com, www.example.com]"}, web, "[spec.dnsNames]"),
        Arguments.of("DNS name removed", new String[] {"dnsNames: [web.example.com]"},
            (UnaryOperator<TestPki.Builder>) b -> b.dnsNames("web.example.com", "old.example.com"), "[spec.dnsNames]"),
        Arguments.of("CA promoted the DNS name to common name", new String[] {"dnsNames: [web.example.com]"},
            (UnaryOperator<TestPki.Builder>) b -> b.commonName("web.example.com").dnsNames("web.example.com"), null),
        Arguments.of("common name issued as a DNS name only", new String[] {"commonName: web.example.com"}, web, null),
        Arguments.of("certificate still carries an old common name", new String[] {"dnsNames: [web.example.com]"},
            (UnaryOperator<TestPki.Builder>) b -> b.commonName("old.example.com").dnsNames("web.example.com"), "[spec.commonName]"),
        Arguments.of("common name taken from the literal subject",
            new String[] {"literalSubject: \"CN=app.example.com,O=Example Ltd\"", "dnsNames: [web.example.com]"},
            (UnaryOperator<TestPki.Builder>) b -> b.commonName("app.example.com").dnsNames("web.example.com"), null),
        Arguments.of("common name changed", new String[] {"commonName: new.example.com", "dnsNames: [web.example.com]"},
            (UnaryOperator<TestPki.Builder>) b -> b.commonName("web.example.com").dnsNames("web.example.com"),
            "[spec.commonName]"),
        Arguments.of("same IPs, IPv6 compressed in the spec", new String[] {"ipAddresses: [192.0.2.10, \"2001:db8::1\"]"},
            (UnaryOperator<TestPki.Builder>) b -> b.ipAddresses("2001:db8:0:0:0:0:0:1", "192.0.2.10"), null),
        Arguments.of("IP address changed", new String[] {"ipAddresses: [192.0.2.11]"},
            (UnaryOperator<TestPki.Builder>) b -> b.ipAddresses("192.0.2.10"), "[spec.ipAddresses]"),
        Arguments.of("URI changed", new String[] {"uris: [\"spiffe://cluster.local/ns/apps/sa/web\"]"},
            (UnaryOperator<TestPki.Builder>) b -> b.uris("spiffe://cluster.local/ns/apps/sa/api"), "[spec.uris]"),
        Arguments.of("email added", new String[] {"dnsNames: [web.example.com]", "emailAddresses: [ops@example.com]"}, web,
            "[spec.emailAddresses]"),
        Arguments.of("everything changed",
            new String[] {"commonName: a.example.com", "dnsNames: [b.example.com]", "ipAddresses: [192.0.2.1]",
                "uris: [\"https://example.com\"]", "emailAddresses: [ops@example.com]"},
            web, "[spec.commonName spec.dnsNames spec.ipAddresses spec.uris spec.emailAddresses]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void reissuesWhenTheNamesChanged(String description, String[] specLines, UnaryOperator<TestPki.Builder> issued, String fields) {
    // Without a current request only the names are compared with the certificate.
    Certificate certificate = certificate(specLines);
    PolicyInput input = issued(certificate, issued.apply(TestPki.certificate(KEYS)).build(), null);
    assertThat(SpecChecks.secretCertificateMismatchesSpec(input))
        .isEqualTo(Optional.ofNullable(fields).map(f -> new Violation("SecretMismatch", NOT_UP_TO_DATE + f)));
  }

  @Test
  void trustsTheCurrentRequestOverNamesTheIssuerAdded() {
    // A self-signed certificate for an IP address alone gets the address as its common name.
    Certificate certificate = certificate("ipAddresses: [192.0.2.10]");
    X509Certificate granted = TestPki.certificate(KEYS).commonName("192.0.2.10").ipAddresses("192.0.2.10").build();

    assertThat(SpecChecks.secretCertificateMismatchesSpec(issued(certificate, granted, currentRequest()))).isEmpty();
    assertThat(SpecChecks.secretCertificateMismatchesSpec(issued(certificate, granted, null)))
        .contains(new Violation("SecretMismatch", NOT_UP_TO_DATE + "[spec.commonName]"));
  }

  static Stream<Arguments> overriddenFields() {
    UnaryOperator<TestPki.Builder> plain = b -> b;
    return Stream.of(
        Arguments.of("subject organization not granted", new String[] {"subject: {organizations: [Example Ltd]}"}, plain),
        Arguments.of("other subject fields not granted", new String[] {"subject: {organizationalUnits: [web], localities: [Leeds],"
            + " provinces: [Yorkshire], streetAddresses: [1 Main St], postalCodes: [LS1], serialNumber: \"42\"}"}, plain),
        Arguments.of("subject the spec never asked for", new String[] {},
            (UnaryOperator<TestPki.Builder>) b -> b.subject(BCStyle.O, "CA's Choice")),
        Arguments.of("CA asked for, leaf granted", new String[] {"isCA: true"}, plain),
        Arguments.of("server auth granted beyond the usages", new String[] {},
            (UnaryOperator<TestPki.Builder>) b -> b.keyUsage(KeyUsage.digitalSignature).extendedKeyUsage(KeyPurposeId.id_kp_serverAuth)),
        Arguments.of("literal subject not granted", new String[] {"literalSubject: \"CN=web.example.com,O=New Ltd\""},
            (UnaryOperator<TestPki.Builder>) b -> b.subject(BCStyle.O, "Example Ltd").commonName("web.example.com")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overriddenFields")
  void comparesOnlyTheNamesWithTheCertificateWhenNoRequestRecordsWhatWasAsked(
      String description, String[] specLines, UnaryOperator<TestPki.Builder> issued) {
    // As cert-manager's FuzzyX509AltNamesMatchSpec: issuers override all but the names.
    Certificate certificate = certificate(Stream.concat(Stream.of("dnsNames: [web.example.com]"), Stream.of(specLines)).toArray(String[]::new));
    PolicyInput input = issued(certificate, issued.apply(Fixtures.webCertificate(KEYS)).build(), null);
    assertThat(SpecChecks.secretCertificateMismatchesSpec(input)).isEmpty();
  }

  @Test
  void reportsAnUnreadableLiteralSubjectWithoutARequest() {
    Certificate certificate = certificate("dnsNames: [web.example.com]", "literalSubject: \"CN=web.example.com,NOPE=x\"");
    assertThat(SpecChecks.secretCertificateMismatchesSpec(issued(certificate, Fixtures.webCertificate(KEYS).build(), null)))
        .contains(new Violation("SecretMismatch", NOT_UP_TO_DATE + "[spec.literalSubject]"));
  }

  static Stream<Arguments> withAndWithoutACurrentRequest() {
    return Stream.of(Arguments.of("with a current request", currentRequest()), Arguments.of("without a current request", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withAndWithoutACurrentRequest")
  void doesNotReissueAnAcmeCertificateForTheSubjectAndUsagesTheCaOverrides(String description, RequestState request) {
    // Let's Encrypt drops the organization and grants digitalSignature + serverAuth, whatever was asked.
    Certificate certificate = certificate("dnsNames: [web.example.com]", "subject: {organizations: [Example Ltd]}");
    X509Certificate granted = Fixtures.webCertificate(KEYS)
        .keyUsage(KeyUsage.digitalSignature)
        .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth)
        .build();
    assertThat(SpecChecks.secretCertificateMismatchesSpec(issued(certificate, granted, request))).isEmpty();
  }

  @Test
  void reportsAMissingSecretOnItsOwn() {
    Certificate certificate = certificate("dnsNames: [web.example.com]");
    assertThat(SpecChecks.secretCertificateMismatchesSpec(Fixtures.input(certificate, SecretState.missing())).map(Violation::reason))
        .contains("DoesNotExist");
  }
}
