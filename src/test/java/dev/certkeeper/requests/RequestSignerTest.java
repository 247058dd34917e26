package dev.certkeeper.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.pki.Fixtures;
import dev.certkeeper.pki.Pem;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a CA issuer returns: tls.crt's chain and ca.crt, as cert-manager's ParseSingleCertificateChain. */
class RequestSignerTest {
  private static final Fixtures.Issued ROOT = Fixtures.selfSignedCa("root", PrivateKeyAlgorithm.ECDSA, 256, Duration.ofDays(30));
  private static final Fixtures.Issued INTERMEDIATE =
      Fixtures.leaf(Fixtures.spec("commonName: intermediate\nisCA: true\nusages: [cert sign]\nprivateKey: {algorithm: ECDSA}"), ROOT);
  private static final String LEAF_SPEC = "dnsNames: [web.example.com]\nprivateKey: {algorithm: ECDSA}";

  /** Issuer chain in the CA Secret's tls.crt, signer first; the expected tls.crt after the leaf, and ca.crt. */
  static Stream<Arguments> issuerChains() {
    return Stream.of(
        Arguments.of("self-signed root CA", ROOT, List.of(ROOT.certificate()), List.of(), ROOT.certificate()),
        Arguments.of("intermediate with its root", INTERMEDIATE, List.of(INTERMEDIATE.certificate(), ROOT.certificate()),
            List.of(INTERMEDIATE.certificate()), ROOT.certificate()),
        Arguments.of("intermediate without its root", INTERMEDIATE, List.of(INTERMEDIATE.certificate()),
            List.of(INTERMEDIATE.certificate()), INTERMEDIATE.certificate()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("issuerChains")
  void leavesTheSelfSignedRootOutOfTheChainAndPutsItInCaCrt(
      String description, Fixtures.Issued signer, List<X509Certificate> issuerChain, List<X509Certificate> aboveLeaf, X509Certificate ca) {
    X509Certificate leaf = Fixtures.leaf(Fixtures.spec(LEAF_SPEC), signer).certificate();

    RequestOutcome.Signed signed = RequestSigner.signed(leaf, issuerChain);

    assertThat(Pem.parseCertificates(signed.certificatePem())).isEqualTo(Stream.concat(Stream.of(leaf), aboveLeaf.stream()).toList());
    assertThat(Pem.parseCertificates(signed.caPem())).containsExactly(ca);
  }
}
