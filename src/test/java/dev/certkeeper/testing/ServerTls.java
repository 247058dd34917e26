package dev.certkeeper.testing;

import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.pki.Fixtures;
import dev.certkeeper.pki.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** TLS for a test server on 127.0.0.1: a certificate from a CA of its own, and that CA as a base64 PEM bundle. */
public record ServerTls(SSLContext context, String caBundle) {
  /** A fresh CA named {@code name} and a day-long certificate for 127.0.0.1 from it. */
  public static ServerTls forLocalhost(String name) throws GeneralSecurityException, IOException {
    Fixtures.Issued ca = Fixtures.selfSignedCa(name, PrivateKeyAlgorithm.ECDSA, 256, Duration.ofDays(1));
    Fixtures.Issued leaf =
        Fixtures.leaf(Fixtures.spec("commonName: 127.0.0.1\nipAddresses: [127.0.0.1]\nduration: 24h\nusages: [server auth, digital signature]\nprivateKey: {algorithm: ECDSA}"), ca);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", leaf.keyPair().getPrivate(), new char[0], new Certificate[] {leaf.certificate(), ca.certificate()});
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, new char[0]);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    return new ServerTls(tls, Base64.getEncoder().encodeToString(Pem.encodeCertificates(List.of(ca.certificate())).getBytes(StandardCharsets.UTF_8)));
  }
}
