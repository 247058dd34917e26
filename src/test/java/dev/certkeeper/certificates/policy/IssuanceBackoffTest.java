package dev.certkeeper.certificates.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.certkeeper.certificates.policy.IssuanceFailure.REFUSED;
import static dev.certkeeper.certificates.policy.IssuanceFailure.RETRYABLE;

import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.pki.Fixtures;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Doubling back-off after failed issuance, bounded by 32 × base and a tenth of the certificate's lifetime; a refusal waits that bound at once. */
class IssuanceBackoffTest {
  private static final Instant FAILED = Instant.parse("2025-06-01T12:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration NINETY_DAYS = Duration.ofDays(90);

  static Stream<Arguments> delays() {
    return Stream.of(
        Arguments.of("firstFailureWaitsTheBase", 1, RETRYABLE, HOUR, NINETY_DAYS, Duration.ofHours(1)),
        Arguments.of("noRecordedAttemptCountsAsOne", 0, RETRYABLE, HOUR, NINETY_DAYS, Duration.ofHours(1)),
        Arguments.of("secondFailureDoubles", 2, RETRYABLE, HOUR, NINETY_DAYS, Duration.ofHours(2)),
        Arguments.of("fifthFailureWaits16Hours", 5, RETRYABLE, HOUR, NINETY_DAYS, Duration.ofHours(16)),
        Arguments.of("sixthFailureReaches32Hours", 6, RETRYABLE, HOUR, NINETY_DAYS, Duration.ofHours(32)),
        Arguments.of("capsAt32TimesTheBase", 7, RETRYABLE, HOUR, NINETY_DAYS, Duration.ofHours(32)),
        Arguments.of("survivesHugeAttemptCounts", Integer.MAX_VALUE, RETRYABLE, HOUR, NINETY_DAYS, Duration.ofHours(32)),
        Arguments.of("sixDayCertificatesRetryWithin14Hours", 10, RETRYABLE, HOUR, Duration.ofDays(6), Duration.ofMinutes(864)),
        Arguments.of("sixDayCertificatesStillDoubleBelowTheBound", 4, RETRYABLE, HOUR, Duration.ofDays(6), Duration.ofHours(8)),
        Arguments.of("oneHourCertificatesRetryAfterSixMinutes", 1, RETRYABLE, HOUR, HOUR, Duration.ofMinutes(6)),
        Arguments.of("neverRetriesSoonerThanAMinute", 1, RETRYABLE, HOUR, Duration.ofMinutes(5), Duration.ofMinutes(1)),
        Arguments.of("honoursABaseBelowAMinute", 1, RETRYABLE, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(5)),
        Arguments.of("boundsASmallBaseByTheLifetime", 4, RETRYABLE, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(30)),
        Arguments.of("refusalWaitsTheCeilingAtOnce", 1, REFUSED, HOUR, NINETY_DAYS, Duration.ofHours(32)),
        Arguments.of("refusalWithoutRecordedAttemptWaitsTheCeiling", 0, REFUSED, HOUR, NINETY_DAYS, Duration.ofHours(32)),
        Arguments.of("repeatedRefusalStaysAtTheCeiling", 9, REFUSED, HOUR, NINETY_DAYS, Duration.ofHours(32)),
        Arguments.of("refusalCeilingIsBoundedByTheLifetime", 1, REFUSED, HOUR, Duration.ofDays(6), Duration.ofMinutes(864)),
        Arguments.of("refusalWithATestBaseWaits32Bases", 1, REFUSED, Duration.ofSeconds(5), NINETY_DAYS, Duration.ofSeconds(160)),
        Arguments.of("refusalOfAShortLivedCertificateNeverWaitsLessThanTheFloor", 1, REFUSED, HOUR, Duration.ofMinutes(5), Duration.ofMinutes(1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("delays")
  void waitsBeforeTheNextAttempt(String behaviour, int attempts, IssuanceFailure failure, Duration base, Duration lifetime, Duration expected) {
    assertThat(IssuanceBackoff.nextAttempt(FAILED, attempts, failure, base, lifetime)).isEqualTo(FAILED.plus(expected));
  }

  static Stream<Arguments> descriptions() {
    return Stream.of(
        Arguments.of(RETRYABLE, 2, "will retry at 2025-06-01T14:00:00Z after 2 failed attempt(s)"),
        Arguments.of(REFUSED, 1, "next attempt at 2025-06-01T14:00:00Z, at the back-off ceiling because the issuer refused the request for good (1 failed attempt(s))"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("descriptions")
  void saysWhenAndWhyTheNextAttemptComes(IssuanceFailure failure, int attempts, String expected) {
    assertThat(IssuanceBackoff.describe(FAILED.plus(Duration.ofHours(2)), attempts, failure)).isEqualTo(expected);
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
    assertThatThrownBy(() -> IssuanceBackoff.nextAttempt(FAILED, 1, RETRYABLE, Duration.ZERO, NINETY_DAYS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isBoundedByTheCertificatesOwnLifetimeNotTheSpecsDuration() {
    // A six-day certificate (as Let's Encrypt's shortlived profile issues) for a spec that asks for 90 days.
    X509Certificate sixDays = Fixtures.selfSignedCa("short", PrivateKeyAlgorithm.ECDSA, 256, Duration.ofDays(6)).certificate();
    Duration lifetime = IssuanceBackoff.lifetime(sixDays, NINETY_DAYS);

    assertThat(lifetime).isEqualTo(Duration.ofDays(6));
    assertThat(Duration.between(FAILED, IssuanceBackoff.nextAttempt(FAILED, 7, RETRYABLE, HOUR, lifetime)))
        .as("a tenth of six days, not the 32 h ceiling a 90-day spec allows").isEqualTo(Duration.ofMinutes(864));
    assertThat(IssuanceBackoff.lifetime(null, NINETY_DAYS)).as("nothing issued yet").isEqualTo(NINETY_DAYS);
  }
}
