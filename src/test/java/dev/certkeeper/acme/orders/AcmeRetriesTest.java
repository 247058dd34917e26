package dev.certkeeper.acme.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.OrderStatus;
import java.net.URL;
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

class AcmeRetriesTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final OrderStatus PENDING = new OrderStatus("https://ca/order/1", null, List.of(), null, AcmeState.PENDING, null, null, null);

  private static Problem problem(String type, String detail) {
    try {
      return new Problem(JSON.parse("{\"type\":\"urn:ietf:params:acme:error:" + type + "\",\"detail\":\"" + detail + "\"}"), new URL("https://ca/"));
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("rate limit waits exactly the Retry-After",
            new AcmeRateLimitedException(problem("rateLimited", "too many certificates"), NOW.plusSeconds(3600), List.of()),
            Duration.ofHours(1), AcmeState.PENDING, "rate limited until 2026-11-23T11:00:00Z"),
        Arguments.of("bad nonce retries at once",
            new AcmeServerException(problem("badNonce", "JWS has an invalid anti-replay nonce")), Duration.ofSeconds(1), AcmeState.PENDING, "nonce"),
        Arguments.of("server error retries soon",
            new AcmeServerException(problem("serverInternal", "database down")), Duration.ofSeconds(10), AcmeState.PENDING, "database down"),
        Arguments.of("connection error retries soon",
            new AcmeNetworkException(new java.io.IOException("Connection refused")), Duration.ofSeconds(10), AcmeState.PENDING, "Connection refused"),
        Arguments.of("rejected identifier ends the order",
            new AcmeServerException(problem("rejectedIdentifier", "example.invalid is forbidden")), null, AcmeState.ERRORED, "refused the order for good"),
        Arguments.of("caa ends the order", new AcmeServerException(problem("caa", "CAA forbids")), null, AcmeState.ERRORED, "CAA forbids"),
        Arguments.of("a profile the CA refuses ends the order",
            new AcmeServerException(problem("invalidProfile", "unrecognized profile name \\\"tlsserver\\\"")), null, AcmeState.ERRORED,
            "the CA refused the order for good: invalidProfile: unrecognized profile name \"tlsserver\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void classifiesCaErrorsByProblemType(String name, AcmeException error, Duration retry, AcmeState state, String reason) {
    OrderStep step = AcmeRetries.after(error, PENDING, NOW);
    assertThat(step.retry()).isEqualTo(retry);
    assertThat(step.status().state()).isEqualTo(state);
    assertThat(step.status().reason()).contains(reason);
    assertThat(step.status().retryAfter()).as("recorded so that nothing asks the CA sooner").isEqualTo(retry == null ? null : NOW.plus(retry).toString());
  }

  @Test
  void aRetryAfterWithinASecondIsRoundedUpNeverEarly() {
    Instant now = NOW.plusMillis(300);
    OrderStep step = AcmeRetries.after(new AcmeServerException(problem("serverInternal", "busy")), PENDING, now);
    assertThat(step.status().retryAfter()).isEqualTo("2026-11-23T10:00:11Z");
    assertThat(step.retry()).isEqualTo(Duration.ofMillis(10_700));
  }
}
