package dev.certkeeper.acme;

import dev.certkeeper.api.acme.AcmeIssuer;
import dev.certkeeper.api.acme.AcmeIssuerStatus;
import dev.certkeeper.issuers.IssuerLookup;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.toolbox.AcmeUtils;
import org.shredzone.acme4j.toolbox.JoseUtils;

/**
 * Logins to the ACME account of a Ready issuer, for the orders and challenges controllers, on the
 * calling thread's session. The account key is cached under the account URL and key hash the
 * issuer's status records, so a replaced key (which the issuer's readiness check notices) is read
 * anew, and the key Secret is read once.
 */
public final class AcmeLogins {
  private final KubernetesClient client;
  private final AcmeSessions sessions;
  private final Map<String, KeyPair> accountKeys = new ConcurrentHashMap<>();

  public AcmeLogins(KubernetesClient client, AcmeSessions sessions) {
    this.client = client;
    this.sessions = sessions;
  }

  /**
   * The login of the issuer's registered account; the issuer must be a Ready ACME issuer. Until the
   * issuer's status records an account with its present server and key (just after an edit, before
   * the issuers controller registered again), there is none: a request made with the old account
   * at the new server would be refused for good.
   */
  public Login login(IssuerLookup.Found found) {
    AcmeIssuer acme = found.issuer().getSpec().acme();
    AcmeIssuerStatus status = found.issuer().getStatus() == null ? null : found.issuer().getStatus().acme();
    if (acme == null) {
      throw new AccountKey.Unavailable(found.described() + " is not an ACME issuer (any more)");
    }
    if (status == null || status.uri() == null) {
      throw new AccountKey.Unavailable(found.described() + " has not registered an ACME account yet");
    }
    if (!AccountRegistrar.sameHost(status.uri(), acme.server())) {
      throw new AccountKey.Unavailable(found.described() + " has not registered an ACME account with " + acme.server() + " yet (its account is " + status.uri() + ")");
    }
    String key = String.join("|", status.uri(), String.valueOf(status.lastPrivateKeyHash()));
    try {
      KeyPair accountKey = accountKeys.computeIfAbsent(key, k -> {
        AccountKey read = AccountKey.readOrCreate(client, found.secretNamespace(), acme.privateKeySecretRef(), false);
        if (!read.hash().equals(status.lastPrivateKeyHash())) {
          throw new AccountKey.Unavailable(
              found.described() + " has not registered its ACME account with the key now in Secret \"" + acme.privateKeySecretRef().name() + "\" yet");
        }
        return read.keyPair();
      });
      return sessions.session(acme).login(AcmeUrls.parse(status.uri(), found.described()), accountKey);
    } catch (IllegalStateException e) {
      throw new AccountKey.Unavailable(e.getMessage());
    }
  }

  /** The key authorization for a token: what the CA expects to find at the challenge URL. */
  public static String keyAuthorization(Login login, String token) {
    return token + "." + AcmeUtils.base64UrlEncode(JoseUtils.thumbprint(login.getKeyPair().getPublic()));
  }
}
