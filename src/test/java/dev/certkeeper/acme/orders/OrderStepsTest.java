package dev.certkeeper.acme.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

/** Which refusals of a new order with `replaces` are retried once without it. */
class OrderStepsTest {
  private static Problem problem(String type, String detail) {
    try {
      return new Problem(JSON.parse("{\"type\":\"urn:ietf:params:acme:error:" + type + "\",\"detail\":\"" + detail + "\"}"), URI.create("https://ca/").toURL());
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("already replaced", new AcmeServerException(problem("alreadyReplaced", "certificate already has a replacement order")), true),
        Arguments.of("another account's certificate",
            new AcmeServerException(problem("unauthorized", "requester account did not request the certificate being replaced")), true),
        Arguments.of("a certificate the CA does not know (Pebble after a restart)",
            new AcmeServerException(problem("serverInternal", "could not find an order for the given certificate")), true),
        Arguments.of("a malformed CertID", new AcmeServerException(problem("malformed", "parsing ARI CertID failed")), true),
        Arguments.of("a rate limit", new AcmeRateLimitedException(problem("rateLimited", "too many"), Instant.now(), List.of()), false),
        Arguments.of("a stale nonce", new AcmeServerException(problem("badNonce", "bad nonce")), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void retriesWithoutReplacesUnlessTheRefusalIsAboutSomethingElse(String behaviour, AcmeServerException refusal, boolean retried) {
    assertThat(OrderSteps.mayBeAboutReplaces(refusal)).isEqualTo(retried);
  }
}
