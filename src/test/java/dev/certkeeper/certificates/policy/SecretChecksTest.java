package dev.certkeeper.certificates.policy;

import static dev.certkeeper.certificates.policy.Fixtures.certificate;
import static dev.certkeeper.certificates.policy.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certkeeper.api.certmanager.Certificate;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SecretDoesNotExist, SecretIsMissingData and SecretPublicKeysDiffer. */
class SecretChecksTest {
  private static final Certificate WEB = certificate("dnsNames: [web.example.com]");

  @Test
  void renewsWhenSecretDeleted() {
    assertThat(SecretChecks.secretDoesNotExist(input(WEB, SecretState.missing())))
        .contains(new Violation("DoesNotExist", "Issuing certificate as Secret does not exist"));
  }

  @Test
  void acceptsAnExistingSecret() {
    assertThat(SecretChecks.secretDoesNotExist(Fixtures.healthy(WEB))).isEmpty();
  }

  static Stream<Arguments> missingData() {
    return Stream.of(
        Arguments.of("no data at all", Set.of(), "Issuing certificate as Secret does not contain any data"),
        Arguments.of("only a CA", Set.of("ca.crt"), "Issuing certificate as Secret does not contain a private key"),
        Arguments.of("no tls.key", Set.of("tls.crt"), "Issuing certificate as Secret does not contain a private key"),
        Arguments.of("no tls.crt", Set.of("tls.key"), "Issuing certificate as Secret does not contain a certificate"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("missingData")
  void reportsWhichDataIsMissing(String description, Set<String> dataKeys, String message) {
    KeyPair keys = TestPki.key("RSA-2048");
    SecretState secret = new SecretState(
        true,
        Map.of(),
        dataKeys,
        dataKeys.contains("tls.crt") ? Fixtures.webCertificate(keys).build() : null,
        null,
        dataKeys.contains("tls.key") ? keys.getPrivate() : null,
        null);
    assertThat(SecretChecks.secretIsMissingData(input(WEB, secret))).contains(new Violation("MissingData", message));
  }

  @Test
  void reportsUnparsablePrivateKeyBeforeTheCertificate() {
    SecretState secret = new SecretState(true, Map.of(), Set.of("tls.crt", "tls.key"), null, "bad certificate", null, "no PEM block");
    assertThat(SecretChecks.secretPublicKeysDiffer(input(WEB, secret)))
        .contains(new Violation("InvalidKeyPair", "Issuing certificate as Secret contains invalid private key data: no PEM block"));
  }

  @Test
  void reportsUnparsableCertificate() {
    KeyPair keys = TestPki.key("RSA-2048");
    SecretState secret = new SecretState(true, Map.of(), Set.of("tls.crt", "tls.key"), null, "truncated DER", keys.getPrivate(), null);
    assertThat(SecretChecks.secretPublicKeysDiffer(input(WEB, secret)))
        .contains(new Violation("InvalidCertificate", "Issuing certificate as Secret contains an invalid certificate: truncated DER"));
  }

  static Stream<Arguments> keyPairs() {
    return Stream.of(
        Arguments.of("RSA-2048", "RSA-2048", 0, true),
        Arguments.of("EC-256", "EC-256", 0, true),
        Arguments.of("EC-384", "EC-384", 0, true),
        Arguments.of("Ed25519", "Ed25519", 0, true),
        Arguments.of("RSA-2048", "RSA-2048", 1, false),
        Arguments.of("EC-256", "EC-256", 1, false),
        Arguments.of("Ed25519", "Ed25519", 1, false),
        Arguments.of("EC-256", "EC-384", 0, false),
        Arguments.of("RSA-2048", "EC-256", 0, false));
  }

  @ParameterizedTest(name = "certificate for {0}, key {1} #{2}: matches={3}")
  @MethodSource("keyPairs")
  void detectsAPrivateKeyThatDoesNotBelongToTheCertificate(String certificateKind, String keyKind, int keyNumber, boolean matches) {
    SecretState secret = Fixtures.issued(
        WEB, Fixtures.webCertificate(TestPki.key(certificateKind)).build(), TestPki.key(keyKind, keyNumber).getPrivate());
    Optional<Violation> violation = SecretChecks.secretPublicKeysDiffer(input(WEB, secret));
    if (matches) {
      assertThat(violation).isEmpty();
    } else {
      assertThat(violation).contains(new Violation(
          "InvalidKeyPair", "Issuing certificate as Secret contains a private key that does not match the certificate"));
    }
  }

  @Test
  void keyPairCheckReportsAMissingSecretOnItsOwn() {
    assertThat(SecretChecks.secretPublicKeysDiffer(input(WEB, SecretState.missing())).map(Violation::reason)).contains("DoesNotExist");
  }

  @Test
  void secretStateRejectsAPresentCertificateWithoutParseResult() {
    assertThatThrownBy(() -> new SecretState(true, Map.of(), Set.of("tls.crt"), null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tls.crt is present");
  }

  @Test
  void secretStateRejectsDataOnAMissingSecret() {
    assertThatThrownBy(() -> new SecretState(false, Map.of(), Set.of("tls.key"), null, null, null, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
