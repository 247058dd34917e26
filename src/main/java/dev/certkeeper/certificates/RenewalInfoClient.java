package dev.certkeeper.certificates;

import dev.certkeeper.issuers.IssuerLookup;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * What the certificates controller asks of an ACME issuer's CA about a certificate it issued
 * (ACME Renewal Information, RFC 9773). It is called only for Ready ACME issuers that have not
 * turned renewal information off, and only when the record in status says a check is due.
 */
public interface RenewalInfoClient {
  /** One request to the CA, answered as it comes: never retried or waited on here. */
  Answer fetch(IssuerLookup.Found issuer, X509Certificate certificate);

  /** The ARI CertID naming the certificate in a new order's {@code replaces}; empty when it has no Authority Key Identifier. */
  Optional<String> certId(X509Certificate certificate);

  /** What the CA said. */
  sealed interface Answer {}

  /** The CA's directory has no {@code renewalInfo}: it offers no renewal information. */
  record NotOffered() implements Answer {}

  /**
   * The suggested window.
   *
   * @param explanationUrl the CA's page about the window, or null
   * @param retryAfter when to ask again, as the CA's Retry-After said, or null
   */
  record Window(Instant start, Instant end, String explanationUrl, Instant retryAfter) implements Answer {}

  /** Asking failed; {@code message} says why, in the CA's words where it answered. */
  record Failed(String message) implements Answer {}
}
