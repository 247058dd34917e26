package dev.certkeeper.acme.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SystemResolverTest {
  @Test
  void resolvesThroughTheSystemWithIpv4First() throws UnknownHostException {
    assertThat(new SystemResolver().resolve("localhost", Duration.ofSeconds(5)))
        .extracting(InetAddress::getHostAddress)
        .first()
        .isEqualTo("127.0.0.1");
  }

  @Test
  void anIpLiteralIsItsOwnAnswer() throws UnknownHostException {
    assertThat(new SystemResolver().resolve("2001:db8::1", Duration.ofSeconds(1))).extracting(InetAddress::getHostAddress)
        .containsExactly("2001:db8:0:0:0:0:0:1");
  }

  @Test
  void anUnresolvableNameSaysSo() {
    // .invalid never resolves (RFC 6761), with or without network.
    assertThatThrownBy(() -> new SystemResolver().resolve("certkeeper.invalid", Duration.ofSeconds(5)))
        .isInstanceOf(UnknownHostException.class)
        .hasMessageStartingWith("certkeeper.invalid: the system resolver");
  }
}
