package dev.certkeeper.testing;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS to the local Pebble (its ACME and management endpoints), trusting only the CA bundle in .local/env. */
public final class PebbleTls {
  private PebbleTls() {}

  /** An SSLContext that trusts exactly the base64-encoded PEM certificate given (PEBBLE_CA_BUNDLE). */
  public static SSLContext trusting(String base64Pem) throws GeneralSecurityException, java.io.IOException {
    X509Certificate ca =
        (X509Certificate)
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Pem)));
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("pebble", ca);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
