package dev.certkeeper.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certkeeper.api.certmanager.CertificatePrivateKey;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.api.certmanager.PrivateKeyEncoding;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrivateKeysTest {
  @TempDir Path directory;

  static Stream<Arguments> keys() {
    return Stream.of(
        Arguments.of(PrivateKeyAlgorithm.RSA, null, PrivateKeyEncoding.PKCS1, "RSA PRIVATE KEY", new KeyDescription(PrivateKeyAlgorithm.RSA, 2048)),
        Arguments.of(PrivateKeyAlgorithm.RSA, 2048, PrivateKeyEncoding.PKCS8, "PRIVATE KEY", new KeyDescription(PrivateKeyAlgorithm.RSA, 2048)),
        Arguments.of(PrivateKeyAlgorithm.RSA, 3072, PrivateKeyEncoding.PKCS1, "RSA PRIVATE KEY", new KeyDescription(PrivateKeyAlgorithm.RSA, 3072)),
        Arguments.of(PrivateKeyAlgorithm.RSA, 4096, PrivateKeyEncoding.PKCS8, "PRIVATE KEY", new KeyDescription(PrivateKeyAlgorithm.RSA, 4096)),
        Arguments.of(PrivateKeyAlgorithm.ECDSA, null, PrivateKeyEncoding.PKCS1, "EC PRIVATE KEY", new KeyDescription(PrivateKeyAlgorithm.ECDSA, 256)),
        Arguments.of(PrivateKeyAlgorithm.ECDSA, 256, PrivateKeyEncoding.PKCS8, "PRIVATE KEY", new KeyDescription(PrivateKeyAlgorithm.ECDSA, 256)),
        Arguments.of(PrivateKeyAlgorithm.ECDSA, 384, PrivateKeyEncoding.PKCS1, "EC PRIVATE KEY", new KeyDescription(PrivateKeyAlgorithm.ECDSA, 384)),
        Arguments.of(PrivateKeyAlgorithm.ECDSA, 521, PrivateKeyEncoding.PKCS1, "EC PRIVATE KEY", new KeyDescription(PrivateKeyAlgorithm.ECDSA, 521)),
        Arguments.of(PrivateKeyAlgorithm.ECDSA, 521, PrivateKeyEncoding.PKCS8, "PRIVATE KEY", new KeyDescription(PrivateKeyAlgorithm.ECDSA, 521)),
        Arguments.of(PrivateKeyAlgorithm.ED25519, null, PrivateKeyEncoding.PKCS1, "PRIVATE KEY", new KeyDescription(PrivateKeyAlgorithm.ED25519, 0)),
        Arguments.of(PrivateKeyAlgorithm.ED25519, null, PrivateKeyEncoding.PKCS8, "PRIVATE KEY", new KeyDescription(PrivateKeyAlgorithm.ED25519, 0)),
        // As cert-manager: a size of 0 means the default, and Ed25519 ignores any size.
        Arguments.of(PrivateKeyAlgorithm.RSA, 0, PrivateKeyEncoding.PKCS1, "RSA PRIVATE KEY", new KeyDescription(PrivateKeyAlgorithm.RSA, 2048)),
        Arguments.of(PrivateKeyAlgorithm.ECDSA, 0, PrivateKeyEncoding.PKCS1, "EC PRIVATE KEY", new KeyDescription(PrivateKeyAlgorithm.ECDSA, 256)),
        Arguments.of(PrivateKeyAlgorithm.ED25519, 256, PrivateKeyEncoding.PKCS8, "PRIVATE KEY", new KeyDescription(PrivateKeyAlgorithm.ED25519, 0)));
  }

  @ParameterizedTest(name = "{0} {1} as {2}")
  @MethodSource("keys")
  void everyKeyRoundTripsThroughItsPemEncoding(
      PrivateKeyAlgorithm algorithm, Integer size, PrivateKeyEncoding encoding, String pemType, KeyDescription description) {
    CertificatePrivateKey spec = new CertificatePrivateKey(null, encoding, algorithm, size);
    KeyPair generated = PrivateKeys.generate(spec);

    String pem = PrivateKeys.toPem(generated.getPrivate(), spec.effectiveEncoding());
    PrivateKey parsed = PrivateKeys.parsePem(pem);

    assertThat(pem).startsWith("-----BEGIN " + pemType + "-----\n").endsWith("-----END " + pemType + "-----\n");
    assertThat(PrivateKeys.matches(parsed, generated.getPublic())).isTrue();
    assertThat(PrivateKeys.publicKey(parsed).getEncoded()).isEqualTo(generated.getPublic().getEncoded());
    assertThat(PrivateKeys.describe(generated.getPublic())).isEqualTo(description);
    assertThat(PrivateKeys.satisfies(generated.getPublic(), spec)).isTrue();
  }

  @ParameterizedTest(name = "{0} {1} as {2}")
  @MethodSource("keys")
  void opensslReadsEveryEncodingAndWeReadOpensslsPkcs8(
      PrivateKeyAlgorithm algorithm, Integer size, PrivateKeyEncoding encoding, String pemType, KeyDescription description) {
    KeyPair generated = PrivateKeys.generate(new CertificatePrivateKey(null, encoding, algorithm, size));
    String keyFile = Tools.write(directory, "key.pem", PrivateKeys.toPem(generated.getPrivate(), encoding));

    Tools.run("openssl", "pkey", "-in", keyFile, "-check", "-noout");
    String pkcs8 = Tools.run("openssl", "pkey", "-in", keyFile);

    assertThat(PrivateKeys.matches(PrivateKeys.parsePem(pkcs8), generated.getPublic())).isTrue();
  }

  static Stream<Arguments> opensslKeys() {
    return Stream.of(
        Arguments.of(new String[] {"openssl", "genrsa", "-traditional", "2048"}, new KeyDescription(PrivateKeyAlgorithm.RSA, 2048)),
        Arguments.of(new String[] {"openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"}, new KeyDescription(PrivateKeyAlgorithm.RSA, 3072)),
        Arguments.of(new String[] {"openssl", "ecparam", "-name", "prime256v1", "-genkey"}, new KeyDescription(PrivateKeyAlgorithm.ECDSA, 256)),
        Arguments.of(new String[] {"openssl", "ecparam", "-name", "secp384r1", "-genkey", "-noout"}, new KeyDescription(PrivateKeyAlgorithm.ECDSA, 384)),
        Arguments.of(new String[] {"openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"}, new KeyDescription(PrivateKeyAlgorithm.ECDSA, 521)),
        Arguments.of(new String[] {"openssl", "genpkey", "-algorithm", "ED25519"}, new KeyDescription(PrivateKeyAlgorithm.ED25519, 0)));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("opensslKeys")
  void keysWrittenByOpensslAreRead(String[] command, KeyDescription description) {
    PrivateKey key = PrivateKeys.parsePem(Tools.run(command));

    assertThat(PrivateKeys.describe(PrivateKeys.publicKey(key))).isEqualTo(description);
  }

  @Test
  void aKeyDoesNotMatchAnotherKeysPublicHalf() {
    KeyPair one = Fixtures.keyPair(PrivateKeyAlgorithm.ECDSA, 256);
    KeyPair other = Fixtures.keyPair(PrivateKeyAlgorithm.ECDSA, 256);
    KeyPair rsa = Fixtures.keyPair(PrivateKeyAlgorithm.RSA, 2048);

    assertThat(PrivateKeys.matches(one.getPrivate(), other.getPublic())).isFalse();
    assertThat(PrivateKeys.matches(one.getPrivate(), rsa.getPublic())).isFalse();
  }

  static Stream<Arguments> specsTheKeyDoesNotSatisfy() {
    return Stream.of(
        Arguments.of(new CertificatePrivateKey(null, null, PrivateKeyAlgorithm.RSA, 3072)),
        Arguments.of(new CertificatePrivateKey(null, null, PrivateKeyAlgorithm.ECDSA, null)),
        Arguments.of(new CertificatePrivateKey(null, null, PrivateKeyAlgorithm.ED25519, null)));
  }

  @ParameterizedTest
  @MethodSource("specsTheKeyDoesNotSatisfy")
  void anRsa2048KeyDoesNotSatisfyAnotherAlgorithmOrSize(CertificatePrivateKey spec) {
    KeyPair rsa2048 = Fixtures.keyPair(PrivateKeyAlgorithm.RSA, 2048);

    assertThat(PrivateKeys.satisfies(rsa2048.getPublic(), spec)).isFalse();
    assertThat(PrivateKeys.satisfies(rsa2048.getPublic(), new CertificatePrivateKey(null, null, null, null))).isTrue();
  }

  static Stream<Arguments> badSizes() {
    return Stream.of(
        Arguments.of(PrivateKeyAlgorithm.RSA, 1024, "privateKey.size 1024 is not valid for RSA: use 2048 to 8192 bits"),
        Arguments.of(PrivateKeyAlgorithm.RSA, 16384, "privateKey.size 16384 is not valid for RSA: use 2048 to 8192 bits"),
        Arguments.of(PrivateKeyAlgorithm.ECDSA, 224, "privateKey.size 224 is not valid for ECDSA: use 256, 384 or 521"));
  }

  @ParameterizedTest
  @MethodSource("badSizes")
  void generationRejectsSizesCertManagerRejects(PrivateKeyAlgorithm algorithm, int size, String message) {
    assertThatThrownBy(() -> Fixtures.keyPair(algorithm, size)).isInstanceOf(PkiException.class).hasMessage(message);
  }

  static Stream<Arguments> unreadableKeys() {
    return Stream.of(
        Arguments.of("", "no PEM private key found: expected a PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block"),
        Arguments.of("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            "no PEM private key found: expected a PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block"),
        Arguments.of("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
            "the private key is encrypted; certkeeper needs it unencrypted, as in a kubernetes.io/tls Secret"),
        Arguments.of("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n",
            "the private key is encrypted; certkeeper needs it unencrypted, as in a kubernetes.io/tls Secret"),
        Arguments.of("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "PEM block 1 (PRIVATE KEY) is not a valid private key"),
        Arguments.of("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n", "PEM block 1 (PRIVATE KEY) is not valid base64"),
        Arguments.of("-----BEGIN PRIVATE KEY-----\nAAAA\n", "PEM block 1 (PRIVATE KEY) has no -----END PRIVATE KEY----- line"));
  }

  @ParameterizedTest
  @MethodSource("unreadableKeys")
  void unreadableKeysFailWithAMessageSayingWhy(String pem, String message) {
    assertThatThrownBy(() -> PrivateKeys.parsePem(pem)).isInstanceOf(PkiException.class).hasMessageStartingWith(message);
  }

  @Test
  void refusesAnRsaKeyStoredWithoutItsCrtParameters() throws Exception {
    RSAPrivateCrtKey real =
        (RSAPrivateCrtKey) PrivateKeys.generate(new CertificatePrivateKey(null, null, null, 2048)).getPrivate();
    BigInteger zero = BigInteger.ZERO;
    PrivateKeyInfo stripped =
        new PrivateKeyInfo(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
            new RSAPrivateKey(real.getModulus(), zero, real.getPrivateExponent(), zero, zero, zero, zero, zero));
    String pem =
        "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(stripped.getEncoded()) + "\n-----END PRIVATE KEY-----\n";

    assertThatThrownBy(() -> PrivateKeys.parsePem(pem)).isInstanceOf(PkiException.class);
  }
}
