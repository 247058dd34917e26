package dev.certkeeper.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certkeeper.api.certmanager.Pkcs12Profile;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class KeystoresTest {
  private static final char[] PASSWORD = "s3cret-Passw0rd".toCharArray();
  private static Fixtures.Issued root;
  private static Fixtures.Issued intermediate;
  private static Fixtures.Issued leaf;

  @TempDir Path directory;

  @BeforeAll
  static void chain() {
    root = Fixtures.selfSignedCa("Keystore Root", PrivateKeyAlgorithm.RSA, 2048, Duration.ofDays(2));
    intermediate = Fixtures.leaf(Fixtures.spec("commonName: Keystore Intermediate\nisCA: true\nusages: [cert sign]\nprivateKey: {algorithm: ECDSA}"), root);
    leaf = Fixtures.leaf(Fixtures.spec("commonName: app.example.com\ndnsNames: [app.example.com]\nprivateKey: {algorithm: ECDSA}"), intermediate);
  }

  /** Java 17 reads PBMAC1 only through Bouncy Castle; the JDK learns it in Java 26. */
  private static KeyStore loadPkcs12(byte[] bytes, Pkcs12Profile profile) throws Exception {
    KeyStore store = profile == Pkcs12Profile.MODERN_2026 ? KeyStore.getInstance("PKCS12", new BouncyCastleProvider()) : KeyStore.getInstance("PKCS12");
    store.load(new ByteArrayInputStream(bytes), PASSWORD);
    return store;
  }

  @ParameterizedTest
  @EnumSource(Pkcs12Profile.class)
  void pkcs12KeystoreLoadsBackWithItsPassword(Pkcs12Profile profile) throws Exception {
    byte[] keystore = Keystores.pkcs12(
        leaf.keyPair().getPrivate(), List.of(leaf.certificate(), intermediate.certificate()), List.of(root.certificate()), PASSWORD, profile, "certificate");

    KeyStore store = loadPkcs12(keystore, profile);

    assertThat(store.isKeyEntry("certificate")).isTrue();
    assertThat(PrivateKeys.matches((PrivateKey) store.getKey("certificate", PASSWORD), leaf.certificate().getPublicKey())).isTrue();
    Certificate[] chain = store.getCertificateChain("certificate");
    assertThat(chain).containsExactly(leaf.certificate(), intermediate.certificate(), root.certificate());
  }

  static Stream<Arguments> opensslReadings() {
    return Stream.of(
        Arguments.of(Pkcs12Profile.LEGACY_RC2, List.of("-legacy"),
            List.of("MAC: sha1, Iteration 1", "PKCS7 Encrypted data: pbeWithSHA1And40BitRC2-CBC, Iteration 2048",
                "Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048")),
        Arguments.of(Pkcs12Profile.LEGACY_DES, List.of(),
            List.of("MAC: sha1, Iteration 1", "PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048",
                "Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048")),
        Arguments.of(Pkcs12Profile.MODERN_2023, List.of(),
            List.of("MAC: sha256, Iteration 2048", "PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256",
                "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256")),
        // OpenSSL verifies PBMAC1 only from 3.4; older releases still decrypt the contents.
        Arguments.of(Pkcs12Profile.MODERN_2026, opensslKnowsPbmac1() ? List.of() : List.of("-nomacver"),
            List.of("MAC: PBMAC1", "PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256",
                "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("opensslReadings")
  void opensslReadsEveryPkcs12Profile(Pkcs12Profile profile, List<String> options, List<String> algorithms) {
    byte[] keystore = Keystores.pkcs12(
        leaf.keyPair().getPrivate(), List.of(leaf.certificate(), intermediate.certificate()), List.of(root.certificate()), PASSWORD, profile, "certificate");
    String file = Tools.write(directory, "keystore.p12", keystore);

    String output = openssl(file, options);

    assertThat(output).contains(algorithms);
    assertThat(output).contains("friendlyName: certificate", "subject=CN = app.example.com", "subject=CN = Keystore Intermediate", "subject=CN = Keystore Root");
    assertThat(Collections.frequency(output.lines().toList(), "-----BEGIN CERTIFICATE-----")).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Pkcs12Profile.class)
  void pkcs12TruststoreHoldsTrustedEntriesForJavaAndOpenssl(Pkcs12Profile profile) throws Exception {
    byte[] truststore = Keystores.pkcs12Truststore(List.of(root.certificate(), intermediate.certificate()), PASSWORD, profile);

    KeyStore store = loadPkcs12(truststore, profile);
    String output = openssl(Tools.write(directory, "truststore.p12", truststore), switch (profile) {
      case LEGACY_RC2 -> List.of("-legacy");
      case MODERN_2026 -> opensslKnowsPbmac1() ? List.of() : List.of("-nomacver");
      default -> List.of();
    });

    assertThat(Collections.list(store.aliases())).map(String::toLowerCase).containsExactlyInAnyOrder("cn=keystore root", "cn=keystore intermediate");
    assertThat(store.isCertificateEntry("CN=Keystore Root")).isTrue();
    assertThat(store.getCertificate("CN=Keystore Root")).isEqualTo(root.certificate());
    assertThat(Collections.frequency(output.lines().toList(), "-----BEGIN CERTIFICATE-----")).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Pkcs12Profile.class)
  void pkcs12WithAWrongPasswordFailsItsMac(Pkcs12Profile profile) throws Exception {
    byte[] keystore = Keystores.pkcs12(leaf.keyPair().getPrivate(), List.of(leaf.certificate()), List.of(), PASSWORD, profile, null);
    KeyStore store = profile == Pkcs12Profile.MODERN_2026 ? KeyStore.getInstance("PKCS12", new BouncyCastleProvider()) : KeyStore.getInstance("PKCS12");

    assertThatThrownBy(() -> store.load(new ByteArrayInputStream(keystore), "wrong".toCharArray())).hasMessageContaining("password");
  }

  @Test
  void jksKeystoreLoadsBackAndKeytoolListsItsEntries() throws Exception {
    byte[] keystore = Keystores.jks(leaf.keyPair().getPrivate(), List.of(leaf.certificate(), intermediate.certificate()),
        List.of(root.certificate(), intermediate.certificate()), PASSWORD, "certificate");

    KeyStore store = KeyStore.getInstance("JKS");
    store.load(new ByteArrayInputStream(keystore), PASSWORD);
    String listing = Tools.run("keytool", "-list", "-storetype", "JKS", "-storepass", new String(PASSWORD),
        "-keystore", Tools.write(directory, "keystore.jks", keystore));

    assertThat(Collections.list(store.aliases())).containsExactlyInAnyOrder("certificate", "ca", "ca-1");
    assertThat(PrivateKeys.matches((PrivateKey) store.getKey("certificate", PASSWORD), leaf.certificate().getPublicKey())).isTrue();
    assertThat(store.getCertificateChain("certificate")).containsExactly(leaf.certificate(), intermediate.certificate());
    assertThat(store.getCertificate("ca")).isEqualTo(root.certificate());
    assertThat(listing).contains("Your keystore contains 3 entries").containsPattern("certificate, .*, PrivateKeyEntry")
        .containsPattern("ca, .*, trustedCertEntry").containsPattern("ca-1, .*, trustedCertEntry");
  }

  @Test
  void jksTruststoreNamesItsCasCaCa1() throws Exception {
    byte[] truststore = Keystores.jksTruststore(List.of(root.certificate(), intermediate.certificate()), PASSWORD);

    String listing = Tools.run("keytool", "-list", "-storetype", "JKS", "-storepass", new String(PASSWORD),
        "-keystore", Tools.write(directory, "truststore.jks", truststore));
    KeyStore store = KeyStore.getInstance("JKS");
    store.load(new ByteArrayInputStream(truststore), PASSWORD);

    assertThat(listing).contains("Your keystore contains 2 entries").containsPattern("ca, .*, trustedCertEntry").containsPattern("ca-1, .*, trustedCertEntry");
    assertThat((X509Certificate) store.getCertificate("ca-1")).isEqualTo(intermediate.certificate());
  }

  @Test
  void aKeystoreNeedsTheKeysCertificate() {
    assertThatThrownBy(() -> Keystores.jks(leaf.keyPair().getPrivate(), List.of(), List.of(), PASSWORD, "certificate"))
        .isInstanceOf(PkiException.class)
        .hasMessage("a keystore needs the certificate of its key, but the chain is empty");
  }

  private static String openssl(String file, List<String> options) {
    List<String> command = new ArrayList<>(List.of("openssl", "pkcs12", "-info", "-nokeys", "-in", file, "-passin", "pass:" + new String(PASSWORD)));
    command.addAll(options);
    return Tools.run(command.toArray(String[]::new));
  }

  private static boolean opensslKnowsPbmac1() {
    return Tools.run("openssl", "list", "-mac-algorithms").contains("PBMAC1") || !Tools.run("openssl", "version").matches("(?s)OpenSSL 3\\.[0-3]\\..*");
  }
}
