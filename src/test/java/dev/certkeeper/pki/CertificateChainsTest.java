package dev.certkeeper.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateChainsTest {
  private static final Fixtures.Issued ROOT = Fixtures.selfSignedCa("root", PrivateKeyAlgorithm.ECDSA, 256, Duration.ofDays(30));
  private static final Fixtures.Issued INTERMEDIATE = Fixtures.leaf(Fixtures.spec("commonName: intermediate\nisCA: true\nprivateKey: {algorithm: ECDSA}"), ROOT);
  private static final Fixtures.Issued LEAF = Fixtures.leaf(Fixtures.spec("dnsNames: [a.example.com]\nprivateKey: {algorithm: ECDSA}"), INTERMEDIATE);
  private static final Fixtures.Issued OTHER_ROOT = Fixtures.selfSignedCa("root", PrivateKeyAlgorithm.ECDSA, 256, Duration.ofDays(30));

  @Test
  void aChainSignedLinkByLinkUpToCaCrtIsLinked() {
    assertThat(CertificateChains.check(List.of(LEAF.certificate(), INTERMEDIATE.certificate()), List.of(ROOT.certificate())))
        .isEqualTo(new CertificateChains.Verdict(true, "each certificate is signed by the next; the last is signed by a certificate of ca.crt"));
    assertThat(CertificateChains.check(List.of(INTERMEDIATE.certificate(), ROOT.certificate()), List.of(ROOT.certificate())).linked()).isTrue();
  }

  @Test
  void namesTheLinkThatIsMissing() {
    assertThat(CertificateChains.check(List.of(LEAF.certificate(), ROOT.certificate()), List.of()))
        .isEqualTo(new CertificateChains.Verdict(false, "certificate 1 () is not signed by certificate 2 (CN=root)"));
  }

  @Test
  void aRootOfTheSameNameButAnotherKeyDoesNotCount() {
    assertThat(CertificateChains.check(List.of(INTERMEDIATE.certificate()), List.of(OTHER_ROOT.certificate())))
        .isEqualTo(new CertificateChains.Verdict(false, "the certificate is not signed by any certificate of ca.crt (its issuer is CN=root)"));
  }

  @Test
  void withoutCaCrtSaysHowTheChainEnds() {
    assertThat(CertificateChains.check(List.of(ROOT.certificate()), List.of()))
        .isEqualTo(new CertificateChains.Verdict(true, "the certificate is self-signed"));
    assertThat(CertificateChains.check(List.of(LEAF.certificate(), INTERMEDIATE.certificate()), List.of()))
        .isEqualTo(new CertificateChains.Verdict(true, "each certificate is signed by the next; the last is issued by CN=root, which the Secret does not hold (no ca.crt)"));
  }
}
