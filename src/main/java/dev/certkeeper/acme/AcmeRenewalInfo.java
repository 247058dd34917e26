package dev.certkeeper.acme;

import dev.certkeeper.certificates.RenewalInfoClient;
import dev.certkeeper.issuers.IssuerLookup;
import java.net.URL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.toolbox.AcmeUtils;

/**
 * ACME Renewal Information (RFC 9773) through acme4j: the directory says whether the CA offers
 * it, and one GET of the certificate's renewalInfo URL fetches its window and Retry-After.
 */
public final class AcmeRenewalInfo implements RenewalInfoClient {
  private final AcmeLogins logins;

  public AcmeRenewalInfo(AcmeLogins logins) {
    this.logins = logins;
  }

  @Override
  public Answer fetch(IssuerLookup.Found issuer, X509Certificate certificate) {
    try {
      Login login = logins.login(issuer);
      // The Session caches the directory, so this is a request only when the cached copy is stale.
      if (login.getSession().resourceUrlOptional(Resource.RENEWAL_INFO).isEmpty()) {
        return new NotOffered();
      }
      RenewalInfo info = login.bindRenewalInfo(certificate);
      Optional<Instant> retryAfter = info.fetch();
      return new Window(
          info.getSuggestedWindowStart(), info.getSuggestedWindowEnd(), info.getExplanation().map(URL::toString).orElse(null), retryAfter.orElse(null));
    } catch (AcmeException | AcmeProtocolException | AccountKey.Unavailable e) {
      return new Failed(AcmeErrors.describe(e));
    }
  }

  @Override
  public Optional<String> certId(X509Certificate certificate) {
    try {
      return Optional.of(AcmeUtils.getRenewalUniqueIdentifier(certificate));
    } catch (AcmeProtocolException e) {
      return Optional.empty();
    }
  }
}
