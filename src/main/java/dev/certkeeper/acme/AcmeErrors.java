package dev.certkeeper.acme;

import dev.certkeeper.kube.Conditions;
import java.time.Duration;
import java.time.Instant;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;

/** Turns acme4j's exceptions into one line for a condition: the CA's own words where it answered. */
public final class AcmeErrors {
  /** How long a rate limit lasts when the CA did not say (no Retry-After). */
  public static final Duration RATE_LIMIT_DEFAULT = Duration.ofHours(1);

  private AcmeErrors() {}

  /** Until when the CA asked not to be asked again: its Retry-After, else {@link #RATE_LIMIT_DEFAULT} from now. */
  public static Instant rateLimitedUntil(AcmeRateLimitedException e, Instant now) {
    return e.getRetryAfter().orElse(now.plus(RATE_LIMIT_DEFAULT));
  }

  /** "rate limited until T: the CA's words", the way every rate limit is shown. */
  public static String rateLimited(Instant until, AcmeRateLimitedException e) {
    return "rate limited until " + Conditions.timestamp(until) + ": " + describe(e);
  }

  /**
   * The AcmeException behind one of acme4j's runtime failures: a resource loaded lazily that could
   * not be, or an answer that is not ACME (a web page from a wrong URL), so callers handle them
   * as the CA errors they are.
   */
  public static AcmeException checked(RuntimeException e) {
    if (e instanceof AcmeLazyLoadingException lazy && lazy.getCause() instanceof AcmeException cause) {
      return cause;
    }
    return new AcmeException(describe(e), e);
  }

  /** The CA's problem type and detail, or the network error and its cause. */
  public static String describe(Exception e) {
    if (e instanceof AcmeServerException server) {
      Problem problem = server.getProblem();
      String type = problem.getType().toString().replace("urn:ietf:params:acme:error:", "");
      String detail = problem.getDetail().orElse(problem.getTitle().orElse(""));
      return detail.isEmpty() ? type : type + ": " + detail;
    }
    if (e instanceof AcmeNetworkException && e.getCause() != null) {
      Throwable cause = e.getCause();
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      return "cannot reach the ACME server: " + message;
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
