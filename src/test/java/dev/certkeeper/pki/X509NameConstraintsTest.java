package dev.certkeeper.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.NameConstraints;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class X509NameConstraintsTest {
  static Stream<Arguments> constraints() {
    return Stream.of(
        Arguments.of("{permitted: {dnsDomains: [example.com]}}", "permitted DNS:example.com"),
        Arguments.of("{permitted: {dnsDomains: [example.com, example.net]}}", "permitted DNS:example.com, DNS:example.net"),
        Arguments.of("{excluded: {ipRanges: [10.0.0.0/8]}}", "excluded IP:10.0.0.0/8"),
        Arguments.of("{excluded: {ipRanges: ['2001:db8::/32']}}", "excluded IP:2001:db8::/32"),
        Arguments.of(
            "{permitted: {dnsDomains: [example.com], emailAddresses: [example.com], uriDomains: [.example.com]}, excluded: {dnsDomains: [bad.example.com]}}",
            "permitted DNS:example.com, email:example.com, URI:.example.com; excluded DNS:bad.example.com"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("constraints")
  void describesTheConstraintsAsOpensslPrintsThem(String spec, String described) {
    NameConstraints parsed = Fixtures.spec("isCA: true\nnameConstraints: " + spec).nameConstraints();
    Extension extension = X509NameConstraints.of(parsed).orElseThrow();

    assertThat(X509NameConstraints.describe(org.bouncycastle.asn1.x509.NameConstraints.getInstance(extension.getParsedValue()))).isEqualTo(described);
  }
}
