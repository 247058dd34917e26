package dev.certkeeper.certificates.policy;

import static dev.certkeeper.certificates.policy.Fixtures.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import java.security.KeyPair;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SecretPrivateKeyMismatchesSpec and SecretPublicKeyDiffersFromCurrentCertificateRequest, with key rotation. */
class KeyChecksTest {

  private static PolicyInput stored(Certificate certificate, KeyPair keys, RequestState request) {
    return Fixtures.input(
        certificate, Fixtures.issued(certificate, Fixtures.webCertificate(keys).build(), keys.getPrivate()), request);
  }

  static Stream<Arguments> keysAgainstSpec() {
    return Stream.of(
        Arguments.of("default spec, RSA 2048", "privateKey: {}", "RSA-2048", null),
        Arguments.of("RSA 3072 wanted, 2048 stored", "privateKey: {size: 3072}", "RSA-2048", "[spec.privateKey.size]"),
        Arguments.of("RSA 3072 wanted and stored", "privateKey: {algorithm: RSA, size: 3072}", "RSA-3072", null),
        Arguments.of("ECDSA wanted, RSA stored", "privateKey: {algorithm: ECDSA}", "RSA-2048", "[spec.privateKey.algorithm]"),
        Arguments.of("ECDSA defaults to P-256", "privateKey: {algorithm: ECDSA}", "EC-256", null),
        Arguments.of("P-384 wanted, P-256 stored", "privateKey: {algorithm: ECDSA, size: 384}", "EC-256", "[spec.privateKey.size]"),
        Arguments.of("Ed25519 wanted and stored", "privateKey: {algorithm: Ed25519}", "Ed25519", null),
        Arguments.of("Ed25519 wanted, ECDSA stored", "privateKey: {algorithm: Ed25519}", "EC-256", "[spec.privateKey.algorithm]"),
        Arguments.of("RSA by default, Ed25519 stored", "privateKey: {}", "Ed25519", "[spec.privateKey.algorithm]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keysAgainstSpec")
  void reissuesWhenTheStoredKeyDoesNotSatisfyTheSpec(String description, String privateKey, String keyKind, String fields) {
    Certificate certificate = certificate("dnsNames: [web.example.com]", privateKey);
    Optional<Violation> violation = KeyChecks.secretPrivateKeyMismatchesSpec(stored(certificate, TestPki.key(keyKind), null));
    assertThat(violation).isEqualTo(Optional.ofNullable(fields)
        .map(f -> new Violation("SecretMismatch", "Existing private key is not up to date for spec: " + f)));
  }

  @Test
  void rotationPolicyNeverStillReissuesForAKeyThatDoesNotSatisfyTheSpec() {
    Certificate certificate = certificate("dnsNames: [web.example.com]", "privateKey: {rotationPolicy: Never, algorithm: ECDSA}");
    assertThat(KeyChecks.secretPrivateKeyMismatchesSpec(stored(certificate, TestPki.key("RSA-2048"), null)).map(Violation::reason))
        .contains("SecretMismatch");
  }

  static Stream<Arguments> storedKeyAgainstCurrentRequest() {
    String mismatch = "Secret contains a private key that does not match the current CertificateRequest";
    return Stream.of(
        Arguments.of("Always, the request's key is stored", "Always", 0, null),
        Arguments.of("Always, another key is stored", "Always", 1, mismatch),
        Arguments.of("rotation policy unset means Always", null, 1, mismatch),
        Arguments.of("Never, another key is stored: kept by policy", "Never", 1, null),
        Arguments.of("Never, the request's key is stored", "Never", 0, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storedKeyAgainstCurrentRequest")
  void reissuesForAForeignKeyOnlyWhenKeysRotate(String description, String rotationPolicy, int requestKey, String message) {
    Certificate certificate = certificate(
        "dnsNames: [web.example.com]", rotationPolicy == null ? "privateKey: {}" : "privateKey: {rotationPolicy: " + rotationPolicy + "}");
    RequestState request = Fixtures.currentRequest(certificate, TestPki.key("RSA-2048", requestKey).getPublic());
    Optional<Violation> violation =
        KeyChecks.secretPublicKeyDiffersFromCurrentCertificateRequest(stored(certificate, TestPki.key("RSA-2048"), request));
    assertThat(violation).isEqualTo(Optional.ofNullable(message).map(m -> new Violation("SecretMismatch", m)));
  }

  @Test
  void ignoresTheRequestKeyWhenThereIsNoCurrentRequest() {
    Certificate certificate = certificate("dnsNames: [web.example.com]");
    assertThat(KeyChecks.secretPublicKeyDiffersFromCurrentCertificateRequest(stored(certificate, TestPki.key("RSA-2048"), null)))
        .isEmpty();
  }

  @Test
  void reportsAnUnreadableCurrentRequest() {
    Certificate certificate = certificate("dnsNames: [web.example.com]");
    RequestState request = new RequestState(Fixtures.request(), null, "no CERTIFICATE REQUEST PEM block");
    assertThat(KeyChecks.secretPublicKeyDiffersFromCurrentCertificateRequest(stored(certificate, TestPki.key("RSA-2048"), request)))
        .contains(new Violation(
            "InvalidCertificateRequest", "Failed to decode current CertificateRequest: no CERTIFICATE REQUEST PEM block"));
  }
}
