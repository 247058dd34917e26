package dev.certkeeper.issuers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.meta.ConditionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IssuerReadinessLoopTest {
  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  static Stream<Arguments> rechecks() {
    return Stream.of(
        // name, Ready, rate limited until, next check after
        Arguments.of("ready", ConditionStatus.TRUE, null, IssuerReadinessLoop.RECHECK_READY),
        Arguments.of("not ready", ConditionStatus.FALSE, null, IssuerReadinessLoop.RECHECK_NOT_READY),
        Arguments.of("rate limited for an hour", ConditionStatus.FALSE, NOW.plus(Duration.ofHours(1)), Duration.ofHours(1)),
        Arguments.of("rate limited for 3 s, less than the usual wait", ConditionStatus.FALSE, NOW.plusSeconds(3), Duration.ofSeconds(3)),
        Arguments.of("a rate limit already over", ConditionStatus.FALSE, NOW.minusSeconds(5), Duration.ofSeconds(1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rechecks")
  void checksARateLimitedAccountAgainExactlyWhenTheCaSaid(String name, ConditionStatus ready, Instant notBefore, Duration expected) {
    assertThat(IssuerReadinessLoop.recheck(ready, notBefore, NOW)).isEqualTo(expected);
  }

  static Stream<Arguments> registrationBackoffs() {
    return Stream.of(
        Arguments.of("just refused", null, IssuerReadinessLoop.RECHECK_NOT_READY),
        Arguments.of("not Ready for 20 s", NOW.minusSeconds(20), IssuerReadinessLoop.RECHECK_NOT_READY),
        Arguments.of("not Ready for 2 minutes", NOW.minusSeconds(120), Duration.ofSeconds(30)),
        Arguments.of("not Ready for 20 minutes", NOW.minus(Duration.ofMinutes(20)), Duration.ofMinutes(5)),
        Arguments.of("not Ready for a day", NOW.minus(Duration.ofDays(1)), IssuerReadinessLoop.REGISTRATION_BACKOFF_LIMIT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("registrationBackoffs")
  void asksForARefusedAccountLessOftenTheLongerItIsRefused(String name, Instant notReadySince, Duration expected) {
    assertThat(IssuerReadinessLoop.registrationBackoff(Optional.ofNullable(notReadySince), NOW)).isEqualTo(expected);
  }
}
