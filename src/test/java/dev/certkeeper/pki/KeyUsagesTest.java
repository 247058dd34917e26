package dev.certkeeper.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.KeyUsage;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyUsagesTest {
  static Stream<Arguments> usages() {
    return Stream.of(
        Arguments.of(KeyUsage.SIGNING, org.bouncycastle.asn1.x509.KeyUsage.digitalSignature, null),
        Arguments.of(KeyUsage.DIGITAL_SIGNATURE, org.bouncycastle.asn1.x509.KeyUsage.digitalSignature, null),
        Arguments.of(KeyUsage.CONTENT_COMMITMENT, org.bouncycastle.asn1.x509.KeyUsage.nonRepudiation, null),
        Arguments.of(KeyUsage.KEY_ENCIPHERMENT, org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment, null),
        Arguments.of(KeyUsage.KEY_AGREEMENT, org.bouncycastle.asn1.x509.KeyUsage.keyAgreement, null),
        Arguments.of(KeyUsage.DATA_ENCIPHERMENT, org.bouncycastle.asn1.x509.KeyUsage.dataEncipherment, null),
        Arguments.of(KeyUsage.CERT_SIGN, org.bouncycastle.asn1.x509.KeyUsage.keyCertSign, null),
        Arguments.of(KeyUsage.CRL_SIGN, org.bouncycastle.asn1.x509.KeyUsage.cRLSign, null),
        Arguments.of(KeyUsage.ENCIPHER_ONLY, org.bouncycastle.asn1.x509.KeyUsage.encipherOnly, null),
        Arguments.of(KeyUsage.DECIPHER_ONLY, org.bouncycastle.asn1.x509.KeyUsage.decipherOnly, null),
        Arguments.of(KeyUsage.ANY, 0, "2.5.29.37.0"),
        Arguments.of(KeyUsage.SERVER_AUTH, 0, "1.3.6.1.5.5.7.3.1"),
        Arguments.of(KeyUsage.CLIENT_AUTH, 0, "1.3.6.1.5.5.7.3.2"),
        Arguments.of(KeyUsage.CODE_SIGNING, 0, "1.3.6.1.5.5.7.3.3"),
        Arguments.of(KeyUsage.EMAIL_PROTECTION, 0, "1.3.6.1.5.5.7.3.4"),
        Arguments.of(KeyUsage.S_MIME, 0, "1.3.6.1.5.5.7.3.4"),
        Arguments.of(KeyUsage.IPSEC_END_SYSTEM, 0, "1.3.6.1.5.5.7.3.5"),
        Arguments.of(KeyUsage.IPSEC_TUNNEL, 0, "1.3.6.1.5.5.7.3.6"),
        Arguments.of(KeyUsage.IPSEC_USER, 0, "1.3.6.1.5.5.7.3.7"),
        Arguments.of(KeyUsage.TIMESTAMPING, 0, "1.3.6.1.5.5.7.3.8"),
        Arguments.of(KeyUsage.OCSP_SIGNING, 0, "1.3.6.1.5.5.7.3.9"),
        Arguments.of(KeyUsage.MICROSOFT_SGC, 0, "1.3.6.1.4.1.311.10.3.3"),
        Arguments.of(KeyUsage.NETSCAPE_SGC, 0, "2.16.840.1.113730.4.1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usages")
  void everyUsageMapsToItsBitOrPurpose(KeyUsage usage, int bit, String purpose) {
    assertThat(KeyUsages.bits(List.of(usage))).isEqualTo(bit);
    assertThat(KeyUsages.purposes(List.of(usage)).stream().map(KeyPurposeId::getId).toList())
        .isEqualTo(purpose == null ? List.of() : List.of(purpose));
  }

  @Test
  void allTwentyThreeUsagesAreMapped() {
    assertThat(usages()).hasSize(KeyUsage.values().length).hasSize(23);
  }

  @Test
  void synonymsAreNamedOnceAndACaGainsCertSign() {
    assertThat(KeyUsages.canonical(List.of(KeyUsage.SERVER_AUTH, KeyUsage.SIGNING, KeyUsage.S_MIME, KeyUsage.DIGITAL_SIGNATURE), true))
        .containsExactly(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.CERT_SIGN, KeyUsage.SERVER_AUTH, KeyUsage.EMAIL_PROTECTION);
  }

  @Test
  void canonicalUsagesNeverUseTheSynonyms() {
    assertThat(KeyUsages.canonical(EnumSet.allOf(KeyUsage.class), false)).doesNotContain(KeyUsage.SIGNING, KeyUsage.S_MIME).hasSize(21);
  }

  @Test
  void namesAreCertManagersSpelling() {
    assertThat(KeyUsages.names(List.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.S_MIME, KeyUsage.IPSEC_END_SYSTEM)))
        .isEqualTo("[digital signature, s/mime, ipsec end system]");
  }
}
