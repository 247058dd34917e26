package dev.certkeeper.acme.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certkeeper.acme.dns.TestDnsServer.Record;
import dev.certkeeper.acme.dns.TestDnsServer.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resolver against a DNS responder in the test, over UDP and TCP on the loopback interface. */
class NameserverResolverTest {
  private static final byte[] V4 = {(byte) 192, 0, 2, 7};
  private static final byte[] V6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static List<String> resolve(TestDnsServer server, String host) throws UnknownHostException {
    return new NameserverResolver(List.of(server.address())).resolve(host, TIMEOUT).stream().map(InetAddress::getHostAddress).toList();
  }

  @Test
  void asksForAAndAaaaAndListsIpv4First() throws IOException {
    try (TestDnsServer server = new TestDnsServer((name, type) -> type == DnsMessage.TYPE_AAAA
        ? Reply.of(new Record(name, type, V6))
        : Reply.of(new Record(name, type, V4)))) {
      assertThat(resolve(server, "app.example.com")).containsExactly("192.0.2.7", "2001:db8:0:0:0:0:0:1");
      assertThat(server.udpQueries).hasValue(2);
    }
  }

  @Test
  void followsTheCnameChainInTheAnswer() throws IOException {
    try (TestDnsServer server = new TestDnsServer((name, type) -> type == DnsMessage.TYPE_AAAA
        ? Reply.of()
        : Reply.of(
            new Record("app.example.com", DnsMessage.TYPE_CNAME, TestDnsServer.name("lb.example.net")),
            new Record("lb.example.net", DnsMessage.TYPE_A, V4),
            new Record("unrelated.example.org", DnsMessage.TYPE_A, new byte[] {10, 0, 0, 1})))) {
      assertThat(resolve(server, "App.Example.com")).containsExactly("192.0.2.7");
    }
  }

  @Test
  void repeatsATruncatedAnswerOverTcp() throws IOException {
    try (TestDnsServer server = new TestDnsServer((name, type) ->
        new Reply(0, true, type == DnsMessage.TYPE_A ? List.of(new Record(name, type, V4)) : List.of(), false))) {
      assertThat(resolve(server, "app.example.com")).containsExactly("192.0.2.7");
      assertThat(server.tcpQueries).hasValue(2);
    }
  }

  @Test
  void ignoresAnAnswerToAnotherQuery() throws IOException {
    try (TestDnsServer server = new TestDnsServer((name, type) ->
        new Reply(0, false, type == DnsMessage.TYPE_A ? List.of(new Record(name, type, V4)) : List.of(), true))) {
      assertThat(resolve(server, "app.example.com")).containsExactly("192.0.2.7");
    }
  }

  @Test
  void reportsANameThatDoesNotExist() throws IOException {
    try (TestDnsServer server = new TestDnsServer((name, type) -> new Reply(DnsMessage.RCODE_NXDOMAIN, false, List.of(), false))) {
      assertThatThrownBy(() -> resolve(server, "nope.example.com"))
          .isInstanceOf(UnknownHostException.class)
          .hasMessage("nope.example.com: no such name (NXDOMAIN from 127.0.0.1:" + server.address().getPort() + ")");
    }
  }

  @Test
  void reportsANameWithoutAddresses() throws IOException {
    try (TestDnsServer server = new TestDnsServer((name, type) -> Reply.of())) {
      assertThatThrownBy(() -> resolve(server, "empty.example.com"))
          .hasMessage("empty.example.com: no A or AAAA records (asked 127.0.0.1:" + server.address().getPort() + ")");
    }
  }

  @Test
  void triesTheNextServerAfterAFailureAndNamesEachOne() throws IOException {
    try (TestDnsServer failing = new TestDnsServer((name, type) -> new Reply(2, false, List.of(), false));
        TestDnsServer working = new TestDnsServer((name, type) -> type == DnsMessage.TYPE_A ? Reply.of(new Record(name, type, V4)) : Reply.of())) {
      List<InetSocketAddress> both = List.of(failing.address(), working.address());
      assertThat(new NameserverResolver(both).resolve("app.example.com", TIMEOUT)).extracting(InetAddress::getHostAddress)
          .containsExactly("192.0.2.7");
      assertThatThrownBy(() -> new NameserverResolver(List.of(failing.address())).resolve("app.example.com", TIMEOUT))
          .hasMessage("app.example.com: DNS lookup failed: 127.0.0.1:" + failing.address().getPort() + " answered SERVFAIL");
    }
  }

  @Test
  void aSilentServerCostsNoMoreThanTheTimeout() throws IOException {
    try (TestDnsServer silent = new TestDnsServer((name, type) -> null)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> new NameserverResolver(List.of(silent.address())).resolve("app.example.com", Duration.ofMillis(300)))
          .isInstanceOf(UnknownHostException.class)
          .hasMessageContaining("no answer in time");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }
  }

  @Test
  void anIpLiteralNeedsNoServer() throws UnknownHostException {
    assertThat(new NameserverResolver(List.of(new InetSocketAddress("192.0.2.53", 53))).resolve("192.0.2.10", TIMEOUT))
        .extracting(InetAddress::getHostAddress).containsExactly("192.0.2.10");
  }
}
