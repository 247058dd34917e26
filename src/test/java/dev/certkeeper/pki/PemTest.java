package dev.certkeeper.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PemTest {
  private static List<X509Certificate> chain;

  @BeforeAll
  static void chain() {
    Fixtures.Issued root = Fixtures.selfSignedCa("Root", PrivateKeyAlgorithm.ECDSA, 256, Duration.ofDays(1));
    Fixtures.Issued leaf = Fixtures.leaf(Fixtures.spec("dnsNames: [a.example.com]"), root);
    chain = List.of(leaf.certificate(), root.certificate());
  }

  static Stream<Arguments> layouts() {
    return Stream.<Arguments>of(
        Arguments.of("as written", UnaryOperator.<String>identity()),
        Arguments.of("CRLF line endings", (UnaryOperator<String>) pem -> pem.replace("\n", "\r\n")),
        Arguments.of("indented and spaced out", (UnaryOperator<String>) pem -> "\n\n  " + pem.replace("\n", "\n    ") + "\n\n"),
        Arguments.of("text around the blocks", (UnaryOperator<String>) pem -> "subject=CN = a\n" + pem + "trailing words\n"),
        Arguments.of("one long base64 line", (UnaryOperator<String>) pem -> pem.replaceAll("([A-Za-z0-9+/=])\n([A-Za-z0-9+/=])", "$1$2")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void certificatesRoundTripWhateverTheWhitespace(String layout, UnaryOperator<String> reformat) {
    String pem = Pem.encodeCertificates(chain);

    assertThat(Pem.parseCertificates(reformat.apply(pem))).isEqualTo(chain);
  }

  @Test
  void encodingWritesOneBlockPerCertificateWith64ColumnLines() {
    String pem = Pem.encodeCertificates(chain);

    assertThat(pem.lines().filter(line -> line.equals("-----BEGIN CERTIFICATE-----"))).hasSize(2);
    assertThat(pem.lines().filter(line -> !line.startsWith("-----"))).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
    assertThat(pem).endsWith("-----END CERTIFICATE-----\n");
  }

  static Stream<Arguments> brokenChains() {
    return Stream.of(
        Arguments.of("", "no PEM certificate found: expected -----BEGIN CERTIFICATE----- blocks"),
        Arguments.of("just text", "no PEM certificate found: expected -----BEGIN CERTIFICATE----- blocks"),
        Arguments.of("CHAIN\n-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n", "PEM block 2 is a PRIVATE KEY, not a CERTIFICATE"),
        Arguments.of("CHAIN\n-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n", "PEM block 2 (CERTIFICATE) is not a valid X.509 certificate"),
        Arguments.of("CHAIN\n-----BEGIN CERTIFICATE-----\nM@A=\n-----END CERTIFICATE-----\n", "PEM block 2 (CERTIFICATE) is not valid base64"),
        Arguments.of("CHAIN\n-----BEGIN CERTIFICATE-----\nMAA=\n", "PEM block 2 (CERTIFICATE) has no -----END CERTIFICATE----- line"),
        Arguments.of("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", "PEM block 1 (CERTIFICATE) is not a valid X.509 certificate"));
  }

  @ParameterizedTest
  @MethodSource("brokenChains")
  void aBrokenBlockIsNamedByItsNumber(String text, String message) {
    String pem = text.replace("CHAIN\n", Pem.encodeCertificates(chain.subList(0, 1)));

    assertThatThrownBy(() -> Pem.parseCertificates(pem)).isInstanceOf(PkiException.class).hasMessageStartingWith(message);
  }
}
