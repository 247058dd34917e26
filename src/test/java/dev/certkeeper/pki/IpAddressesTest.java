package dev.certkeeper.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "192.0.2.10, 192.0.2.10",
    "0.0.0.0, 0.0.0.0",
    "255.255.255.255, 255.255.255.255",
    "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
    "2001:db8::1, 2001:db8::1",
    "::, ::",
    "::1, ::1",
    "1::, 1::",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "::ffff:192.0.2.1, 192.0.2.1",
    "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
    "fe80:0000:0000:0000:0204:61ff:fe9d:f156, fe80::204:61ff:fe9d:f156"
  })
  void addressesAreWrittenAsGoWritesThem(String text, String canonical) {
    assertThat(IpAddresses.normalise(text)).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "example.com", "256.0.0.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "fe80::1%eth0", "::g"})
  void textThatIsNoAddressIsRejected(String text) {
    assertThatThrownBy(() -> IpAddresses.normalise(text)).isInstanceOf(PkiException.class).hasMessageContaining("is not an IP address");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"192.0.2.10, true", "2001:DB8::1, true", "::ffff:192.0.2.1, true", "'', false", "example.com, false", "192.0.2.010, false", "fe80::1%eth0, false"})
  void isValidSaysWhetherNormaliseAcceptsTheText(String text, boolean valid) {
    assertThat(IpAddresses.isValid(text)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "10.1.2.3/8, 0a000000ff000000",
    "192.0.2.0/24, c0000200ffffff00",
    "192.0.2.7/32, c0000207ffffffff",
    "0.0.0.0/0, 0000000000000000",
    "2001:db8::/32, 20010db8000000000000000000000000ffffffff000000000000000000000000"
  })
  void rangesAreTheMaskedNetworkThenTheMask(String range, String hex) {
    assertThat(IpAddresses.cidr(range)).isEqualTo(HexFormat.of().parseHex(hex));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/x"})
  void rangesNeedAValidPrefix(String range) {
    assertThatThrownBy(() -> IpAddresses.cidr(range)).isInstanceOf(PkiException.class).hasMessageContaining("is not a CIDR range");
  }
}
