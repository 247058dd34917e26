package dev.certkeeper.acme.challenges;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AcceptanceTest {
  private static final String DOMAIN = "app.example.com";
  private static final Instant PRESENTED = Instant.parse("2026-11-23T10:00:00Z");
  private static final Duration LIMIT = Duration.ofMinutes(10);
  private static final Optional<String> FAILING = Optional.of("Waiting for HTTP-01 challenge propagation: the ingress class \"missing\" matches no IngressClass");

  static Stream<Arguments> selfChecks() {
    return Stream.of(
        Arguments.of("a passing self-check asks the CA", Duration.ofSeconds(5), Optional.empty(), LIMIT,
            new Acceptance.Ask("Waiting for the CA to validate app.example.com")),
        Arguments.of("a failing self-check waits, saying when the CA will be asked anyway", Duration.ofMinutes(1), FAILING, LIMIT,
            new Acceptance.Wait(FAILING.get() + " (the CA will be asked anyway at 2026-11-23T10:10:00Z)", Duration.ofSeconds(15))),
        Arguments.of("the last wait ends when the limit is reached", Duration.ofSeconds(590), FAILING, LIMIT,
            new Acceptance.Wait(FAILING.get() + " (the CA will be asked anyway at 2026-11-23T10:10:00Z)", Duration.ofSeconds(10))),
        Arguments.of("past the limit the CA is asked anyway, keeping the self-check's words", LIMIT, FAILING, LIMIT,
            new Acceptance.Ask("Waiting for the CA to validate app.example.com; the self-check still failed after 10m0s: " + FAILING.get())),
        Arguments.of("a zero limit waits for ever, retries capped", Duration.ofHours(5), FAILING, Duration.ZERO,
            new Acceptance.Wait(FAILING.get(), Duration.ofMinutes(2))),
        Arguments.of("a passing self-check after the limit is no news", Duration.ofHours(1), Optional.empty(), LIMIT,
            new Acceptance.Ask("Waiting for the CA to validate app.example.com")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selfChecks")
  void decidesFromTheSelfCheckAndItsTimeLimit(String name, Duration waited, Optional<String> failure, Duration limit, Acceptance.Decision expected) {
    assertThat(Acceptance.afterSelfCheck(DOMAIN, PRESENTED, PRESENTED.plus(waited), failure, limit)).isEqualTo(expected);
  }

  static Stream<Arguments> fixedWaits() {
    return Stream.of(
        Arguments.of("before the wait is over", Duration.ofSeconds(4),
            new Acceptance.Wait("Waiting until 2026-11-23T10:00:30Z (waitInsteadOfSelfCheck) before asking the CA", Duration.ofSeconds(2))),
        Arguments.of("the last wait ends with the fixed one", Duration.ofSeconds(29),
            new Acceptance.Wait("Waiting until 2026-11-23T10:00:30Z (waitInsteadOfSelfCheck) before asking the CA", Duration.ofSeconds(1))),
        Arguments.of("once it is over", Duration.ofSeconds(30), new Acceptance.Ask("Waiting for the CA to validate app.example.com")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixedWaits")
  void waitInsteadOfSelfCheckAsksOnceTheWaitIsOver(String name, Duration waited, Acceptance.Decision expected) {
    assertThat(Acceptance.afterFixedWait(DOMAIN, PRESENTED, PRESENTED.plus(waited), Duration.ofSeconds(30))).isEqualTo(expected);
  }

  static Stream<Arguments> invalids() {
    String asked = "Waiting for the CA to validate app.example.com; the self-check still failed after 20s: no route";
    return Stream.of(
        Arguments.of("asked after a passing self-check: the CA's words", "Waiting for the CA to validate app.example.com",
            "the CA could not validate app.example.com: 404"),
        Arguments.of("asked although the self-check failed: both", asked,
            "the CA could not validate app.example.com: 404; the self-check still failed after 20s: no route"),
        Arguments.of("no recorded reason", null, "the CA could not validate app.example.com: 404"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalids")
  void anInvalidChallengeNamesTheCasReasonAndAFailedSelfCheck(String name, String askedReason, String expected) {
    assertThat(Acceptance.invalid(DOMAIN, "404", askedReason)).isEqualTo(expected);
  }

  @Test
  void failingSelfCheckRetriesGrowAsBefore() {
    assertThat(Acceptance.afterSelfCheck(DOMAIN, PRESENTED, PRESENTED.plus(Duration.ofSeconds(1)), FAILING, LIMIT))
        .isEqualTo(new Acceptance.Wait(FAILING.get() + " (the CA will be asked anyway at 2026-11-23T10:10:00Z)", Propagation.FIRST_RETRY));
  }
}
