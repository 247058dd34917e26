package dev.certkeeper.certificates.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Doubling back-off after failed issuance, bounded by 32 × base and a tenth of the certificate's lifetime. */
class IssuanceBackoffTest {
  private static final Instant FAILED = Instant.parse("2025-06-01T12:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration NINETY_DAYS = Duration.ofDays(90);

  static Stream<Arguments> delays() {
    return Stream.of(
        Arguments.of("firstFailureWaitsTheBase", 1, HOUR, NINETY_DAYS, Duration.ofHours(1)),
        Arguments.of("noRecordedAttemptCountsAsOne", 0, HOUR, NINETY_DAYS, Duration.ofHours(1)),
        Arguments.of("secondFailureDoubles", 2, HOUR, NINETY_DAYS, Duration.ofHours(2)),
        Arguments.of("fifthFailureWaits16Hours", 5, HOUR, NINETY_DAYS, Duration.ofHours(16)),
        Arguments.of("sixthFailureReaches32Hours", 6, HOUR, NINETY_DAYS, Duration.ofHours(32)),
        Arguments.of("capsAt32TimesTheBase", 7, HOUR, NINETY_DAYS, Duration.ofHours(32)),
        Arguments.of("survivesHugeAttemptCounts", Integer.MAX_VALUE, HOUR, NINETY_DAYS, Duration.ofHours(32)),
        Arguments.of("sixDayCertificatesRetryWithin14Hours", 10, HOUR, Duration.ofDays(6), Duration.ofMinutes(864)),
        Arguments.of("sixDayCertificatesStillDoubleBelowTheBound", 4, HOUR, Duration.ofDays(6), Duration.ofHours(8)),
        Arguments.of("oneHourCertificatesRetryAfterSixMinutes", 1, HOUR, HOUR, Duration.ofMinutes(6)),
        Arguments.of("neverRetriesSoonerThanAMinute", 1, HOUR, Duration.ofMinutes(5), Duration.ofMinutes(1)),
        Arguments.of("honoursABaseBelowAMinute", 1, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(5)),
        Arguments.of("boundsASmallBaseByTheLifetime", 4, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(30)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("delays")
  void waitsBeforeTheNextAttempt(String behaviour, int attempts, Duration base, Duration lifetime, Duration expected) {
    assertThat(IssuanceBackoff.nextAttempt(FAILED, attempts, base, lifetime)).isEqualTo(FAILED.plus(expected));
  }

  @Test
  void retriesWhenNothingFailed() {
    assertThat(IssuanceBackoff.mayRetryNow(null, 0, HOUR, NINETY_DAYS, false, FAILED)).isTrue();
  }

  @Test
  void waitsUntilTheNextAttempt() {
    Instant next = FAILED.plus(Duration.ofHours(4));
    assertThat(IssuanceBackoff.mayRetryNow(FAILED, 3, HOUR, NINETY_DAYS, false, next.minusSeconds(1))).isFalse();
    assertThat(IssuanceBackoff.mayRetryNow(FAILED, 3, HOUR, NINETY_DAYS, false, next)).isTrue();
  }

  @Test
  void retriesAtOnceAfterASpecChange() {
    assertThat(IssuanceBackoff.mayRetryNow(FAILED, 3, HOUR, NINETY_DAYS, true, FAILED.plusSeconds(1))).isTrue();
  }

  @Test
  void rejectsANonPositiveBase() {
    assertThatThrownBy(() -> IssuanceBackoff.nextAttempt(FAILED, 1, Duration.ZERO, NINETY_DAYS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
