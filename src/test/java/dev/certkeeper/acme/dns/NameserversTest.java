package dev.certkeeper.acme.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameserversTest {
  @Test
  void readsAddressesWithAndWithoutPorts() {
    assertThat(Nameservers.parse("10.0.0.10:53, 192.0.2.1, [2001:db8::53]:5353, [2001:db8::1]")).containsExactly(
        new InetSocketAddress("10.0.0.10", 53),
        new InetSocketAddress("192.0.2.1", 53),
        new InetSocketAddress("2001:db8::53", 5353),
        new InetSocketAddress("2001:db8::1", 53));
  }

  @Test
  void anEmptyValueMeansTheSystemResolver() {
    assertThat(Nameservers.parse("")).isEmpty();
    assertThat(Nameservers.parse(null)).isEmpty();
    assertThat(HostResolver.of(Nameservers.parse(""))).isInstanceOf(SystemResolver.class);
    assertThat(HostResolver.of(Nameservers.parse("10.0.0.10"))).isInstanceOf(NameserverResolver.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dns.example.com:53", "10.0.0.10:", "10.0.0.10:0", "10.0.0.10:65536", "10.0.0.10:x", "[2001:db8::1", "[2001:db8::1]x",
      "2001:db8::1:53x"})
  void refusesNamesAndBadPorts(String value) {
    assertThatThrownBy(() -> Nameservers.parse(value)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nameserver \"");
  }
}
