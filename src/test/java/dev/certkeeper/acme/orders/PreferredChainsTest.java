package dev.certkeeper.acme.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.pki.Fixtures;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which of the CA's chains an issuer's preferredChain keeps, as cert-manager picks it. */
class PreferredChainsTest {
  private static final Fixtures.Issued DST_ROOT = Fixtures.selfSignedCa("DST Root CA X3", PrivateKeyAlgorithm.ECDSA, 256, Duration.ofDays(1));
  /** Named as the real root is: a Common Name beside an O and a C. */
  private static final Fixtures.Issued ISRG_ROOT =
      ca("commonName: ISRG Root X1\nsubject: {organizations: [Internet Security Research Group], countries: [US]}", DST_ROOT);
  private static final Fixtures.Issued ISRG_CROSS_SIGNED = ca("commonName: ISRG Root X1", DST_ROOT);
  private static final Fixtures.Issued R3 = ca("commonName: R3", ISRG_ROOT);
  private static final Fixtures.Issued LEAF = Fixtures.leaf(Fixtures.spec("dnsNames: [example.com]\nprivateKey: {algorithm: ECDSA}"), R3);

  /** Ends at R3, issued by ISRG Root X1. */
  private static final List<X509Certificate> SHORT = List.of(LEAF.certificate(), R3.certificate());
  /** Ends at ISRG Root X1 cross-signed by DST Root CA X3. */
  private static final List<X509Certificate> LONG = List.of(LEAF.certificate(), R3.certificate(), ISRG_CROSS_SIGNED.certificate());

  private static Fixtures.Issued ca(String specYaml, Fixtures.Issued signer) {
    return Fixtures.leaf(Fixtures.spec(specYaml + "\nisCA: true\nusages: [cert sign]\nprivateKey: {algorithm: ECDSA}"), signer);
  }

  static Stream<Arguments> choices() {
    return Stream.of(
        Arguments.of("no preference keeps the default", null, LONG, List.of(SHORT), LONG),
        Arguments.of("the default chain when its top issuer matches", "DST Root CA X3", LONG, List.of(SHORT), LONG),
        Arguments.of("an alternate whose top issuer's Common Name matches a full DN", "ISRG Root X1", LONG, List.of(SHORT), SHORT),
        Arguments.of("the default chain before an alternate that matches too", "ISRG Root X1", SHORT, List.of(SHORT, LONG), SHORT),
        Arguments.of("the default chain when nothing matches", "Some Other Root", SHORT, List.of(LONG), SHORT),
        Arguments.of("only the topmost certificate's issuer counts", "R3", LONG, List.of(SHORT), LONG),
        Arguments.of("the Common Name is compared exactly", "isrg root x1", LONG, List.of(SHORT), LONG));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("choices")
  void picksTheChainWhoseTopIssuerCommonNameMatches(
      String behaviour, String preferred, List<X509Certificate> defaultChain, List<List<X509Certificate>> alternates, List<X509Certificate> chosen) {
    assertThat(PreferredChains.choose(preferred, defaultChain, alternates.stream())).isEqualTo(chosen);
  }

  @Test
  void downloadsNoAlternateWhenTheDefaultChainMatches() {
    Stream<List<X509Certificate>> alternates = Stream.generate(() -> {
      throw new AssertionError("an alternate was downloaded");
    });
    assertThat(PreferredChains.choose("ISRG Root X1", SHORT, alternates)).isEqualTo(SHORT);
  }
}
