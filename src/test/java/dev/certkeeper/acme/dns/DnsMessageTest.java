package dev.certkeeper.acme.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Encoding and decoding of the DNS wire format, checked against hand-assembled packets. */
class DnsMessageTest {
  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replace(" ", ""));
  }

  @Test
  void aQueryIsOneQuestionWithRecursionDesired() {
    assertThat(DnsMessage.query(0x1234, "app.example.com", DnsMessage.TYPE_A)).isEqualTo(hex(
        "1234 0100 0001 0000 0000 0000"
            + " 03 617070 07 6578616d706c65 03 636f6d 00 0001 0001"));
    assertThat(DnsMessage.query(1, "example.com.", DnsMessage.TYPE_AAAA)).endsWith(hex("00 001c 0001"));
  }

  @Test
  void aQueryRefusesEmptyLabels() {
    assertThatThrownBy(() -> DnsMessage.query(1, "a..example.com", DnsMessage.TYPE_A)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Question app.example.com A; answers: app.example.com CNAME web.example.com (compressed), web.example.com A 192.0.2.7. */
  static final String CNAME_THEN_A =
      "1234 8180 0001 0002 0000 0000"
          + " 03 617070 07 6578616d706c65 03 636f6d 00 0001 0001"
          + " c00c 0005 0001 0000012c 0006 03 776562 c010"
          + " c02d 0001 0001 0000012c 0004 c0000207";

  @Test
  void aResponseYieldsItsAnswersFollowingCompressionPointers() throws IOException {
    DnsMessage.Response response = DnsMessage.parse(hex(CNAME_THEN_A));
    assertThat(response.id()).isEqualTo(0x1234);
    assertThat(response.rcode()).isZero();
    assertThat(response.truncated()).isFalse();
    assertThat(response.answers()).hasSize(2);
    assertThat(response.answers().get(0).name()).isEqualTo("app.example.com");
    assertThat(response.answers().get(0).target()).isEqualTo("web.example.com");
    assertThat(response.answers().get(1).name()).isEqualTo("web.example.com");
    assertThat(response.answers().get(1).address()).isEqualTo(new byte[] {(byte) 192, 0, 2, 7});
  }

  @Test
  void theHeaderCarriesTruncationAndTheResponseCode() throws IOException {
    DnsMessage.Response nxdomain = DnsMessage.parse(hex("0001 8183 0000 0000 0000 0000"));
    assertThat(nxdomain.rcode()).isEqualTo(DnsMessage.RCODE_NXDOMAIN);
    assertThat(DnsMessage.parse(hex("0001 8380 0000 0000 0000 0000")).truncated()).isTrue();
  }

  @Test
  void otherRecordTypesAreSkipped() throws IOException {
    // One TXT answer ("hi") before an AAAA answer for the root name.
    DnsMessage.Response response = DnsMessage.parse(hex(
        "0001 8180 0000 0002 0000 0000"
            + " 00 0010 0001 00000000 0003 02 6869"
            + " 00 001c 0001 00000000 0010 20010db8000000000000000000000001"));
    assertThat(response.answers()).singleElement().satisfies(answer -> {
      assertThat(answer.type()).isEqualTo(DnsMessage.TYPE_AAAA);
      assertThat(answer.name()).isEqualTo(".");
    });
  }

  @Test
  void malformedResponsesAreRefused() {
    assertThatThrownBy(() -> DnsMessage.parse(hex("0001 0100 0000 0000 0000 0000"))).hasMessageContaining("the message is a query");
    assertThatThrownBy(() -> DnsMessage.parse(hex("0001 8180 00"))).hasMessageContaining("it ends early");
    assertThatThrownBy(() -> DnsMessage.parse(hex("0001 8180 0000 0001 0000 0000 c00c")))
        .hasMessageContaining("compression pointers loop");
    assertThatThrownBy(() -> DnsMessage.parse(hex("0001 8180 0000 0001 0000 0000 00 0001 0001 00000000 0004 c000")))
        .isInstanceOf(IOException.class);
  }
}
