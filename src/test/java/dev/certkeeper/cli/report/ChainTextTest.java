package dev.certkeeper.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.cli.report.CertificateChainReport.IssuerSection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainTextTest {
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

  @Test
  void showsTheWholeChainOnOneScreen() {
    String text = ChainText.render(CertificateChainReport.of(ChainSamples.chain()), NOW);

    assertThat(text).contains(
        "Certificate web in namespace apps, created 4d ago\n",
        "  Secret:               web-tls\n",
        "  Issuer:               Issuer pebble: Ready True, ACMEAccountRegistered: The ACME account was registered with the ACME server\n",
        "  Revision:             1\n",
        "  Not after:            2027-03-01T12:00:00Z (in 86d)\n",
        "  Renewal time:         2027-01-30T12:00:00Z (in 56d)\n",
        "Secret web-tls\n",
        "  Issuer:               CN=sample root\n",
        "  DNS names:            web.example.com\n",
        "  IP addresses:         192.0.2.1\n",
        "  Key:                  ECDSA P-384\n",
        "CertificateRequest web-2 (revision 2), created 4m59s ago\n",
        "Order web-2-1234\n",
        "  State:                pending\n",
        "  URL:                  https://pebble/order/1\n",
        "Challenge web-2-1234-5678 for web.example.com\n",
        "  Type:                 HTTP-01\n",
        "  Presented:            true\n",
        "  Reason:               Waiting for HTTP-01 challenge propagation: wrong status code '404', expected '200'\n");
    assertThat(text).doesNotContain("Unrelated");
  }

  @Test
  void listsConditionsAndEventsAsAlignedTables() {
    String text = ChainText.render(CertificateChainReport.of(ChainSamples.chain()), NOW);

    assertThat(text).contains(
        "  Conditions:\n"
            + "    TYPE     STATUS  REASON             AGE    MESSAGE\n"
            + "    Ready    True    Ready              3d23h  Certificate is up to date and has not expired\n"
            + "    Issuing  True    ManuallyTriggered  5m     Certificate re-issuance manually triggered\n"
            + "  Events:\n"
            + "    TYPE    REASON     AGE    FROM        MESSAGE\n"
            + "    Normal  Issuing    5m     certkeeper  Certificate re-issuance manually triggered\n"
            + "    Normal  Requested  4m59s  certkeeper  Created new CertificateRequest resource web-2\n");
    assertThat(text).contains("Order web-2-1234\n  State:                pending\n  URL:                  https://pebble/order/1\n  Events:               <none>\n");
  }

  @Test
  void saysWhatIsMissing() {
    ChainObjects chain = ChainSamples.chain();
    String text = ChainText.render(
        CertificateChainReport.of(new ChainObjects(chain.certificate(), null, null, null, null, List.of(), List.of())), NOW);

    assertThat(text).contains("  Issuer:               Issuer pebble: not found\n", "Secret web-tls: does not exist\n", "CertificateRequest: none for the current or next revision\n");
    assertThat(text).doesNotContain("Order", "Challenge ");
  }

  @Test
  void saysWhatTheUserMayNotReadAndShowsTheRest() {
    ChainObjects chain = ChainSamples.chain();
    String forbidden = "the API server answered 403: secrets \"web-tls\" is forbidden";
    String text = ChainText.render(CertificateChainReport.of(new ChainObjects(chain.certificate(), null, null, chain.request(), chain.order(), chain.challenges(),
        chain.events(), "the API server answered 403: clusterissuers.cert-manager.io \"pebble\" is forbidden", forbidden)), NOW);

    assertThat(text).contains("  Issuer:               Issuer pebble: cannot read it: the API server answered 403: clusterissuers", "Secret web-tls: cannot read it: " + forbidden + "\n",
        "Order web-2-1234\n");
  }

  @Test
  void describesTheIssuerInOneLine() {
    assertThat(ChainText.issuer(new IssuerSection("vault", "VaultIssuer", "example.io", null, List.of())))
        .isEqualTo("VaultIssuer vault of group example.io (an external issuer: not checked)");
    assertThat(ChainText.issuer(new IssuerSection("ca", "ClusterIssuer", "cert-manager.io", true, List.of())))
        .isEqualTo("ClusterIssuer ca: no Ready condition yet");
    assertThat(ChainText.issuer(new IssuerSection("ca", "ClusterIssuer", "cert-manager.io", true,
            List.of(new ConditionView("Ready", "False", "ErrGetKeyPair", null, null)))))
        .isEqualTo("ClusterIssuer ca: Ready False, ErrGetKeyPair");
  }
}
