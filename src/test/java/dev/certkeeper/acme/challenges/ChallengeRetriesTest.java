package dev.certkeeper.acme.challenges;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.ChallengeStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

/** When a Challenge asks the CA again after it could not be asked. */
class ChallengeRetriesTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final ChallengeStatus PRESENTED_A_MINUTE_AGO = new ChallengeStatus(false, true, "2026-11-23T09:59:00Z", null, AcmeState.PENDING);

  private static Problem problem(String type, String detail) {
    try {
      return new Problem(JSON.parse("{\"type\":\"urn:ietf:params:acme:error:" + type + "\",\"detail\":\"" + detail + "\"}"), URI.create("https://ca/").toURL());
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AcmeRateLimitedException rateLimited(Instant until) {
    return new AcmeRateLimitedException(problem("rateLimited", "too many requests"), until, List.of());
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("a rate limit waits for its Retry-After", rateLimited(NOW.plusSeconds(3600)), Duration.ofHours(1),
            "rate limited until 2026-11-23T11:00:00Z: rateLimited: too many requests"),
        Arguments.of("a rate limit without Retry-After waits the default hour", rateLimited(null), Duration.ofHours(1),
            "rate limited until 2026-11-23T11:00:00Z"),
        Arguments.of("a rate limit shorter than the back-off waits exactly its Retry-After", rateLimited(NOW.plusSeconds(5)), Duration.ofSeconds(5),
            "rate limited until 2026-11-23T10:00:05Z"),
        Arguments.of("a rate limit already over backs off as any failure", rateLimited(NOW.minusSeconds(5)), Duration.ofSeconds(15),
            "rate limited until 2026-11-23T09:59:55Z"),
        Arguments.of("a server error backs off from when the solver was presented", new AcmeServerException(problem("serverInternal", "database down")),
            Duration.ofSeconds(15), "the ACME server could not be asked: serverInternal: database down"),
        Arguments.of("a network error backs off from when the solver was presented", new AcmeNetworkException(new java.io.IOException("Connection refused")),
            Duration.ofSeconds(15), "the ACME server could not be asked: cannot reach the ACME server: Connection refused"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void waitsOutRateLimitsAndBacksOffFromThePresentation(String behaviour, AcmeException failure, Duration wait, String reason) {
    ChallengeRetries.Retry retry = ChallengeRetries.after(failure, PRESENTED_A_MINUTE_AGO, NOW);

    assertThat(retry.after()).isEqualTo(wait);
    assertThat(retry.reason()).startsWith(reason);
  }

  @Test
  void aFailedLookFollowsTheReasonTheChallengeWasAskedWithWhichStays() {
    String asked = "Waiting for the CA to validate app.example.com; the self-check still failed after 10m: wrong status code 404";

    String once = ChallengeRetries.lookFailed(asked, "the ACME server could not be asked: serverInternal: busy");
    String twice = ChallengeRetries.lookFailed(once, "the ACME server could not be asked: cannot reach the ACME server: Connection refused");

    assertThat(once).isEqualTo(asked + "; the last look at the CA failed, looking again: the ACME server could not be asked: serverInternal: busy");
    assertThat(twice).as("the newer failure replaces the older").isEqualTo(
        asked + "; the last look at the CA failed, looking again: the ACME server could not be asked: cannot reach the ACME server: Connection refused");
    assertThat(ChallengeRetries.asked(twice)).as("what a successful look puts back").isEqualTo(asked);
    assertThat(ChallengeRetries.asked(asked)).isEqualTo(asked);
    assertThat(ChallengeRetries.asked(null)).isNull();
  }
}
