package dev.certkeeper.certificates.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** cert-manager's renewal time: renewBefore, else renewBeforePercentage, else a third of the actual lifetime. */
class RenewalTimeTest {
  private static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant NINETY_DAYS = NOT_BEFORE.plus(Duration.ofDays(90));

  static Stream<Arguments> renewalTimes() {
    return Stream.of(
        Arguments.of("defaultsToAThirdOfTheLifetime", NINETY_DAYS, null, null, NINETY_DAYS.minus(Duration.ofDays(30))),
        Arguments.of("usesRenewBeforeShorterThanTheLifetime", NINETY_DAYS, "360h", null, NINETY_DAYS.minus(Duration.ofDays(15))),
        Arguments.of("rejectsRenewBeforeLongerThanDuration", NINETY_DAYS, "2400h", null, NINETY_DAYS.minus(Duration.ofDays(30))),
        Arguments.of("rejectsRenewBeforeEqualToTheLifetime", NINETY_DAYS, "2160h", null, NINETY_DAYS.minus(Duration.ofDays(30))),
        Arguments.of("ignoresAZeroRenewBefore", NINETY_DAYS, "0", null, NINETY_DAYS.minus(Duration.ofDays(30))),
        Arguments.of("usesPercentageOfTheActualLifetime", NINETY_DAYS, null, 25, NINETY_DAYS.minus(Duration.ofHours(540))),
        Arguments.of("fallsBackToThePercentageWhenRenewBeforeIsTooLong", NINETY_DAYS, "2400h", 10, NINETY_DAYS.minus(Duration.ofDays(9))),
        Arguments.of("prefersRenewBeforeOverThePercentage", NINETY_DAYS, "24h", 50, NINETY_DAYS.minus(Duration.ofDays(1))),
        Arguments.of("ignoresPercentageZero", NINETY_DAYS, null, 0, NINETY_DAYS.minus(Duration.ofDays(30))),
        Arguments.of("ignoresPercentageHundred", NINETY_DAYS, null, 100, NINETY_DAYS.minus(Duration.ofDays(30))),
        Arguments.of("usesTheCertificatesLifetimeNotTheSpecDuration", NOT_BEFORE.plus(Duration.ofDays(6)), "720h", null,
            NOT_BEFORE.plus(Duration.ofDays(4))),
        Arguments.of("truncatesToTheSecond", NOT_BEFORE.plusSeconds(10), null, null, NOT_BEFORE.plusSeconds(6)),
        Arguments.of("truncatesAFractionalNotAfter", NINETY_DAYS.plusMillis(999), "1h", null,
            NINETY_DAYS.minus(Duration.ofHours(1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renewalTimes")
  void computesTheRenewalTime(String behaviour, Instant notAfter, String renewBefore, Integer percentage, Instant expected) {
    assertThat(RenewalTime.of(NOT_BEFORE, notAfter, renewBefore, percentage)).isEqualTo(expected);
  }

  @Test
  void hasNoRenewalTimeWhenRenewalIsDisabled() {
    var spec = Fixtures.certificate("dnsNames: [web.example.com]", "renewal: {policy: Disabled}").getSpec();
    assertThat(RenewalTime.scheduled(spec, NOT_BEFORE, NINETY_DAYS)).isEmpty();
  }

  @Test
  void schedulesFromTheSpecsRenewBefore() {
    var spec = Fixtures.certificate("dnsNames: [web.example.com]", "renewBefore: 48h").getSpec();
    assertThat(RenewalTime.scheduled(spec, NOT_BEFORE, NINETY_DAYS)).contains(NINETY_DAYS.minus(Duration.ofDays(2)));
  }

  @Test
  void schedulesFromTheSpecsPercentage() {
    var spec = Fixtures.certificate("dnsNames: [web.example.com]", "renewBeforePercentage: 50").getSpec();
    assertThat(RenewalTime.scheduled(spec, NOT_BEFORE, NINETY_DAYS)).contains(NINETY_DAYS.minus(Duration.ofDays(45)));
  }
}
