package dev.certkeeper.acme;

import dev.certkeeper.api.acme.AcmeIssuer;
import dev.certkeeper.pki.Pem;
import dev.certkeeper.pki.PkiException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * acme4j Sessions per ACME directory and trust setting (caBundle, skipTLSVerify), one for each
 * reconciler thread. A Session caches the directory and a nonce, which saves a round trip per
 * request, but acme4j holds its nonce lock for the whole of a signed request: one Session shared by
 * every thread let a single request to the CA be in flight at a time. The threads' Sessions share
 * one HTTP client (and so its connections) per server and trust setting. A Session holds nothing
 * that cannot be fetched again, so losing it on a restart is harmless.
 */
public final class AcmeSessions {
  /**
   * How long a directory is used before it is read again when the CA says less (Pebble sends no
   * caching headers, Let's Encrypt max-age=0): acme4j would read it before every request. The
   * directory changes rarely, and cert-manager reads it once per ACME client.
   */
  static final Duration DIRECTORY_LIFETIME = Duration.ofHours(1);

  private final Map<String, Provider> providers = new ConcurrentHashMap<>();
  private final ThreadLocal<Map<String, Session>> threadSessions = ThreadLocal.withInitial(HashMap::new);
  private final UnaryOperator<HttpClient> httpClients;

  /** Sessions whose HTTP clients are passed through {@code httpClients} (to measure them, for instance). */
  public AcmeSessions(UnaryOperator<HttpClient> httpClients) {
    this.httpClients = httpClients;
  }

  /**
   * The calling thread's session for the issuer's server; throws IllegalArgumentException for a
   * caBundle that is not PEM certificates.
   */
  public Session session(AcmeIssuer acme) {
    boolean skipVerify = Boolean.TRUE.equals(acme.skipTLSVerify());
    String bundle = acme.caBundle() == null || acme.caBundle().isEmpty() ? null : acme.caBundle();
    String key = acme.server() + "|" + (bundle == null ? "" : sha256(bundle)) + "|" + skipVerify;
    return threadSessions.get().computeIfAbsent(key, k -> {
      Provider provider = providers.computeIfAbsent(k, unused -> new Provider(sslContext(bundle, skipVerify), httpClients));
      return new Session(serverUri(acme.server()), provider);
    });
  }

  // Schemes are case-insensitive (RFC 3986), and the CRD admits HTTPS://; acme4j accepts only lower case.
  private static URI serverUri(String server) {
    URI uri = URI.create(server);
    return uri.getScheme() == null ? uri : URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + server.substring(uri.getScheme().length()));
  }

  /**
   * TLS for talking to an ACME server: trusting only the base64 PEM {@code caBundle} when given,
   * anything with {@code skipVerify}, else the JDK's default trust store.
   */
  public static SSLContext sslContext(String caBundle, boolean skipVerify) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      if (skipVerify) {
        context.init(null, new TrustManager[] {new TrustEverything()}, null);
      } else if (caBundle != null) {
        context.init(null, trustOnly(caBundle).getTrustManagers(), null);
      } else {
        return SSLContext.getDefault();
      }
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS for the ACME client: " + e.getMessage(), e);
    }
  }

  private static TrustManagerFactory trustOnly(String caBundle) throws GeneralSecurityException {
    List<X509Certificate> certificates;
    try {
      certificates = Pem.parseCertificates(new String(Base64.getDecoder().decode(caBundle), StandardCharsets.UTF_8));
    } catch (PkiException | IllegalArgumentException e) {
      throw new IllegalArgumentException("caBundle is not base64-encoded PEM certificates: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("caBundle holds no PEM certificate");
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < certificates.size(); i++) {
      store.setCertificateEntry("ca-" + i, certificates.get(i));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Any RFC 8555 server, reached through one HTTP client with the issuer's trust settings, whose
   * directory is kept at least {@link #DIRECTORY_LIFETIME}.
   */
  private static final class Provider extends GenericAcmeProvider {
    private final SSLContext sslContext;
    private final UnaryOperator<HttpClient> httpClients;
    private HttpClient httpClient;

    Provider(SSLContext sslContext, UnaryOperator<HttpClient> httpClients) {
      this.sslContext = sslContext;
      this.httpClients = httpClients;
    }

    // acme4j sends every request (directory, nonces, retries) of every Session through this client.
    @Override
    public synchronized HttpClient createHttpClient(NetworkSettings settings) {
      if (httpClient == null) {
        httpClient = httpClients.apply(
            HttpClient.newBuilder()
                .connectTimeout(settings.getTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .sslContext(sslContext)
                .build());
      }
      return httpClient;
    }

    @Override
    public JSON directory(Session session, URI serverUri) throws AcmeException {
      JSON directory = super.directory(session, serverUri);
      ZonedDateTime floor = ZonedDateTime.now().plus(DIRECTORY_LIFETIME);
      if (directory != null && (session.getDirectoryExpires() == null || session.getDirectoryExpires().isBefore(floor))) {
        session.setDirectoryExpires(floor);
      }
      return directory;
    }
  }

  /** skipTLSVerify: the user asked for no verification at all, hostname included. */
  private static final class TrustEverything extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
