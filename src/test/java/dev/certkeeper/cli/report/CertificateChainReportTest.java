package dev.certkeeper.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.cli.report.CertificateChainReport.IssuerSection;
import dev.certkeeper.testing.Manifests;
import io.fabric8.kubernetes.api.model.Secret;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateChainReportTest {
  @Test
  void reportsEachLinkWithItsConditionsAndOnlyItsOwnEvents() {
    CertificateChainReport report = CertificateChainReport.of(ChainSamples.chain());

    assertThat(report.certificate().revision()).isEqualTo(1);
    assertThat(report.certificate().conditions()).extracting(ConditionView::type, ConditionView::status, ConditionView::reason)
        .containsExactly(tuple("Ready", "True", "Ready"), tuple("Issuing", "True", "ManuallyTriggered"));
    assertThat(report.certificate().events()).extracting(EventView::reason).containsExactly("Issuing", "Requested");
    assertThat(report.issuer()).isEqualTo(new IssuerSection("pebble", "Issuer", "cert-manager.io", true, report.issuer().conditions()));
    assertThat(report.issuer().conditions()).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo("ACMEAccountRegistered"));
    assertThat(report.certificateRequest().name()).isEqualTo("web-2");
    assertThat(report.certificateRequest().revision()).isEqualTo(2);
    assertThat(report.certificateRequest().conditions()).extracting(ConditionView::type).containsExactly("Approved", "Ready");
    assertThat(report.certificateRequest().events()).extracting(EventView::reason).containsExactly("OrderCreated");
    assertThat(report.order().state()).isEqualTo("pending");
    assertThat(report.order().url()).isEqualTo("https://pebble/order/1");
    assertThat(report.order().events()).isEmpty();
    assertThat(report.challenges()).singleElement().satisfies(c -> {
      assertThat(c.domain()).isEqualTo("web.example.com");
      assertThat(c.type()).isEqualTo("HTTP-01");
      assertThat(c.state()).isEqualTo("pending");
      assertThat(c.presented()).isTrue();
      assertThat(c.reason()).contains("wrong status code '404'");
      assertThat(c.events()).extracting(EventView::reason).containsExactly("Presented");
    });
  }

  @Test
  void readsTheLeafCertificateOfTheSecret() {
    CertificateChainReport report = CertificateChainReport.of(ChainSamples.chain());

    assertThat(report.secret().exists()).isTrue();
    assertThat(report.secret().problem()).isNull();
    assertThat(report.secret().certificate().dnsNames()).containsExactly("web.example.com");
    assertThat(report.secret().certificate().ipAddresses()).containsExactly("192.0.2.1");
    assertThat(report.secret().certificate().issuer()).isEqualTo("CN=sample root");
    assertThat(report.secret().certificate().publicKey()).isEqualTo("ECDSA P-384");
    assertThat(new BigInteger(report.secret().certificate().serialNumber(), 16)).isEqualTo(ChainSamples.LEAF.certificate().getSerialNumber());
  }

  @Test
  void saysTheSecretDoesNotExist() {
    ChainObjects chain = ChainSamples.chain();
    CertificateChainReport report = CertificateChainReport.of(
        new ChainObjects(chain.certificate(), chain.issuer(), null, null, null, List.of(), chain.events()));

    assertThat(report.secret().exists()).isFalse();
    assertThat(report.secret().name()).isEqualTo("web-tls");
    assertThat(report.certificateRequest()).isNull();
    assertThat(report.order()).isNull();
  }

  @Test
  void saysWhyTheSecretsCertificateCannotBeRead() {
    Secret broken = Manifests.typed(
        "apiVersion: v1\nkind: Secret\nmetadata: {name: web-tls, namespace: apps, uid: s}\ndata: {tls.crt: bm90IGEgY2VydGlmaWNhdGU=}\n", Secret.class);
    ChainObjects chain = ChainSamples.chain();
    CertificateChainReport report = CertificateChainReport.of(
        new ChainObjects(chain.certificate(), chain.issuer(), broken, null, null, List.of(), List.of()));

    assertThat(report.secret().certificate()).isNull();
    assertThat(report.secret().problem()).startsWith("tls.crt cannot be read: no PEM certificate found");
  }

  @Test
  void anIssuerThatIsNotFoundIsSaidSoAndAnExternalOneIsNotLookedUp() {
    ChainObjects chain = ChainSamples.chain();
    assertThat(CertificateChainReport.of(new ChainObjects(chain.certificate(), null, null, null, null, List.of(), List.of())).issuer().found())
        .isFalse();

    Certificate external = Manifests.typed(
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: apps, uid: u}\n"
            + "spec: {secretName: web-tls, issuerRef: {name: vault, kind: VaultIssuer, group: example.io}}\n",
        Certificate.class);
    IssuerSection issuer = CertificateChainReport.of(new ChainObjects(external, null, null, null, null, List.of(), List.of())).issuer();
    assertThat(issuer.found()).isNull();
    assertThat(issuer.kind()).isEqualTo("VaultIssuer");
    assertThat(issuer.group()).isEqualTo("example.io");
  }
}
