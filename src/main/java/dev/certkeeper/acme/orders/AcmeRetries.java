package dev.certkeeper.acme.orders;

import dev.certkeeper.acme.AcmeErrors;
import dev.certkeeper.acme.NotBefore;
import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.OrderStatus;
import dev.certkeeper.kube.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * What to do after the CA, or the way to it, failed, by the ACME problem type (RFC 8555 §6.7):
 * wait exactly as long as a rate limit says, retry soon after a transient error, and give up on
 * the order when the CA refuses it for good (the Certificate then backs off).
 */
final class AcmeRetries {
  private static final String PREFIX = "urn:ietf:params:acme:error:";
  /** Refusals that asking again will not change. */
  static final Set<String> PERMANENT =
      Set.of("rejectedIdentifier", "caa", "unauthorized", "malformed", "unsupportedIdentifier", "badCSR", "badSignatureAlgorithm",
          "invalidContact", "unsupportedContact", "externalAccountRequired", "accountDoesNotExist", "badRevocationReason", "userActionRequired",
          "invalidProfile");
  /** How the reason of an order the CA refused for good begins. */
  static final String REFUSED_FOR_GOOD = "the CA refused the order for good: ";
  static final Duration TRANSIENT = Duration.ofSeconds(10);
  static final Duration BAD_NONCE = Duration.ofSeconds(1);

  private AcmeRetries() {}

  static OrderStep after(AcmeException e, OrderStatus status, Instant now) {
    String described = AcmeErrors.describe(e);
    if (e instanceof AcmeRateLimitedException limited) {
      Instant until = AcmeErrors.rateLimitedUntil(limited, now);
      Duration wait = Duration.between(now, until);
      return retry(status, AcmeErrors.rateLimited(until, limited), wait.isNegative() || wait.isZero() ? BAD_NONCE : wait, now);
    }
    if (e instanceof AcmeServerException server) {
      String type = server.getType().toString().startsWith(PREFIX) ? server.getType().toString().substring(PREFIX.length()) : server.getType().toString();
      if (type.equals("badNonce")) {
        return retry(status, "the ACME server refused a nonce; retrying: " + described, BAD_NONCE, now);
      }
      if (PERMANENT.contains(type)) {
        return OrderStep.settled(OrderSteps.failed(status, AcmeState.ERRORED, REFUSED_FOR_GOOD + described, now));
      }
    }
    if (e instanceof AcmeNetworkException || e instanceof AcmeServerException) {
      return retry(status, "temporary error from the ACME server, retrying in " + TRANSIENT.toSeconds() + "s: " + described, TRANSIENT, now);
    }
    return retry(status, "unexpected answer from the ACME server, retrying in " + TRANSIENT.toSeconds() + "s: " + described, TRANSIENT, now);
  }

  /** Look again after the wait, and record it so that nothing that wakes the controller sooner asks the CA before then. */
  private static OrderStep retry(OrderStatus status, String reason, Duration wait, Instant now) {
    Instant notBefore = NotBefore.after(now, wait);
    return OrderStep.retry(status.withReason(reason).withRetryAfter(Conditions.timestamp(notBefore)), Duration.between(now, notBefore));
  }
}
