package dev.certkeeper.acme;

import dev.certkeeper.api.acme.AcmeIssuer;
import dev.certkeeper.api.acme.AcmeIssuerStatus;
import dev.certkeeper.api.acme.ExternalAccountBinding;
import dev.certkeeper.kube.ApiErrors;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;

/**
 * Registers an issuer's ACME account with its key, or finds it again (RFC 8555 returns the existing
 * account for a known key), and keeps the account's email current. The CA is only asked when the
 * issuer's status does not already record this server, key and email.
 */
public final class AccountRegistrar {
  public static final String REGISTERED = "ACMEAccountRegistered";
  static final String REGISTRATION_FAILED = "ErrRegisterACMEAccount";
  static final String UPDATE_FAILED = "ErrUpdateACMEAccount";
  static final String INIT_FAILED = "ErrInitIssuer";

  private final KubernetesClient client;
  private final AcmeSessions sessions;

  public AccountRegistrar(KubernetesClient client, AcmeSessions sessions) {
    this.client = client;
    this.sessions = sessions;
  }

  /** What registering came to: the account's status, or why there is none. */
  public sealed interface Result {}

  /** The account exists at the CA; {@code status} is what the issuer's status.acme should say. */
  public record Registered(AcmeIssuerStatus status) implements Result {}

  /**
   * No usable account; reason and message (the CA's own words where it answered) go on Ready.
   *
   * @param notBefore when the CA may be asked again, if it rate limited the request; else null
   */
  public record Failed(String reason, String message, Instant notBefore) implements Result {
    Failed(String reason, String message) {
      this(reason, message, null);
    }
  }

  /** Ensures the account exists with the issuer's key and email; {@code now} dates a rate limit without Retry-After. */
  public Result ensure(String secretNamespace, AcmeIssuer acme, AcmeIssuerStatus current, Instant now) {
    AccountKey key;
    Session session;
    try {
      key = AccountKey.readOrCreate(client, secretNamespace, acme.privateKeySecretRef(), !Boolean.TRUE.equals(acme.disableAccountKeyGeneration()));
      session = sessions.session(acme);
    } catch (AccountKey.Unavailable | IllegalArgumentException e) {
      return new Failed(INIT_FAILED, e.getMessage());
    }
    String email = acme.email() == null || acme.email().isEmpty() ? null : acme.email();
    if (upToDate(current, acme.server(), key, email)) {
      return new Registered(current);
    }
    Login login;
    try {
      AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(key.keyPair());
      if (email != null) {
        builder.addEmail(email);
      }
      if (acme.externalAccountBinding() != null) {
        bind(builder, acme.externalAccountBinding().keyID(), macKey(secretNamespace, acme.externalAccountBinding()));
      }
      login = register(builder, session);
    } catch (AcmeException | IllegalArgumentException e) {
      return failed(REGISTRATION_FAILED, "Failed to register an ACME account with " + acme.server() + binding(acme), e, now);
    } catch (AccountKey.Unavailable e) {
      return new Failed(INIT_FAILED, e.getMessage());
    }
    try {
      updateEmail(login.getAccount(), email);
    } catch (AcmeException e) {
      return failed(UPDATE_FAILED, "Failed to update the email of ACME account " + login.getAccountLocation(), e, now);
    }
    return new Registered(new AcmeIssuerStatus(login.getAccountLocation().toString(), email, key.hash()));
  }

  /** "what: the CA's words"; a rate limit also says until when, and that is when the CA is asked again. */
  private static Failed failed(String reason, String what, Exception e, Instant now) {
    if (e instanceof AcmeRateLimitedException limited) {
      Instant until = AcmeErrors.rateLimitedUntil(limited, now);
      return new Failed(reason, what + ": " + AcmeErrors.rateLimited(until, limited), until);
    }
    return new Failed(reason, what + ": " + AcmeErrors.describe(e));
  }

  private static boolean upToDate(AcmeIssuerStatus current, String server, AccountKey key, String email) {
    return current != null
        && current.uri() != null
        && sameHost(current.uri(), server)
        && key.hash().equals(current.lastPrivateKeyHash())
        && Objects.equals(email, current.lastRegisteredEmail() == null || current.lastRegisteredEmail().isEmpty() ? null : current.lastRegisteredEmail());
  }

  /**
   * Whether the account URL is on the server's host and port: an account of another CA is not this
   * one's. Host names compare without case, and a scheme's default port equals no port, so
   * {@code https://CA.example:443/dir} is the server of {@code https://ca.example/acct/1}.
   */
  static boolean sameHost(String accountUri, String server) {
    try {
      URI a = URI.create(accountUri);
      URI s = URI.create(server);
      return a.getHost() != null && a.getHost().equalsIgnoreCase(s.getHost()) && port(a) == port(s);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
  }

  /**
   * Registers the account, or finds it for a known key. What acme4j throws unchecked (an answer
   * that is not ACME, from a server URL that is a web page) is a CA error too, so it reaches Ready.
   */
  static Login register(AccountBuilder builder, Session session) throws AcmeException {
    try {
      return builder.createLogin(session);
    } catch (AcmeProtocolException | AcmeLazyLoadingException e) {
      throw AcmeErrors.checked(e);
    }
  }

  /** A changed email replaces the account's contacts; an existing account keeps its other settings. */
  private static void updateEmail(Account account, String email) throws AcmeException {
    List<URI> wanted = email == null ? List.of() : List.of(URI.create("mailto:" + email));
    try {
      // The account's contacts are loaded lazily, by an unchecked request.
      if (account.getContacts().equals(wanted)) {
        return;
      }
      Account.EditableAccount edit = account.modify();
      edit.getContacts().clear();
      edit.getContacts().addAll(wanted);
      edit.commit();
    } catch (AcmeProtocolException | AcmeLazyLoadingException e) {
      throw AcmeErrors.checked(e);
    }
  }

  /** Names the binding's key ID in a failure, since CAs answer an unknown or mismatched one without naming it. */
  private static String binding(AcmeIssuer acme) {
    return acme.externalAccountBinding() == null ? "" : " with external account binding key ID \"" + acme.externalAccountBinding().keyID() + "\"";
  }

  /** The binding's MAC key, base64url-encoded as the CA handed it out. */
  private String macKey(String namespace, ExternalAccountBinding eab) {
    String secretKey = eab.keySecretRef().keyOr("secret");
    String where = "Secret \"" + namespace + "/" + eab.keySecretRef().name() + "\"";
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(eab.keySecretRef().name()).get();
    } catch (KubernetesClientException e) {
      throw new AccountKey.Unavailable("cannot read " + where + " holding the external account binding MAC key: " + ApiErrors.describe(e));
    }
    return Optional.ofNullable(secret)
        .map(Secret::getData)
        .map(d -> d.get(secretKey))
        .map(b -> new String(Base64.getDecoder().decode(b), StandardCharsets.UTF_8).trim())
        .orElseThrow(() -> new AccountKey.Unavailable(where + " with key \"" + secretKey + "\" holding the external account binding MAC key does not exist"));
  }

  /**
   * Signs the binding with HS256 whatever the key's length or the issuer's keyAlgorithm, as
   * cert-manager does (it ignores the deprecated field); acme4j would otherwise pick by key length
   * and refuse keys of other lengths, such as the 24-byte keys some CAs hand out.
   */
  static AccountBuilder bind(AccountBuilder builder, String keyID, String macKey) {
    return builder.withKeyIdentifier(keyID, macKey).withMacAlgorithm("HS256");
  }
}
