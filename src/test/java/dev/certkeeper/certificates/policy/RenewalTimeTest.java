package dev.certkeeper.certificates.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.CertificateAcmeStatus.RenewalInformation;
import dev.certkeeper.api.certmanager.CertificateAcmeStatus.SuggestedWindow;
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

  // A window around day 60 of the 90 days, the shape Pebble and Let's Encrypt suggest.
  private static RenewalInformation window(Instant start, Instant end) {
    return new RenewalInformation(new SuggestedWindow(start.toString(), end.toString()), null, NOT_BEFORE.toString(), NINETY_DAYS.toString(), null);
  }

  private static Instant day(double days) {
    return NOT_BEFORE.plusSeconds((long) (days * 86400));
  }

  static Stream<Arguments> effectiveTimes() {
    RenewalInformation dayFiftyNineToSixtyOne = window(day(59), day(61));
    RenewalInformation revoked = window(day(3), day(3).plusSeconds(1));
    return Stream.of(
        Arguments.of("withoutAWindowTheRenewBeforeRuleHolds", new String[] {}, null, day(60), day(60)),
        Arguments.of("aWindowTakesThePlaceOfTheDefaultThird", new String[] {}, dayFiftyNineToSixtyOne, day(59), day(61)),
        Arguments.of("aLaterWindowPostponesTheDefault", new String[] {}, window(day(65), day(66)), day(65), day(66)),
        Arguments.of("anExplicitRenewBeforeThatIsEarlierWins", new String[] {"renewBefore: 960h"}, dayFiftyNineToSixtyOne, day(50), day(50)),
        Arguments.of("anExplicitRenewBeforeThatIsLaterYieldsToTheWindow", new String[] {"renewBefore: 24h"}, dayFiftyNineToSixtyOne, day(59), day(61)),
        Arguments.of("anExplicitPercentageThatIsEarlierWins", new String[] {"renewBeforePercentage: 50"}, dayFiftyNineToSixtyOne, day(45), day(45)),
        Arguments.of("aWindowInThePastRenewsAtOnce", new String[] {}, revoked, day(3), day(3)),
        Arguments.of("aWindowPastExpiryIsCutHalfwayFromTheDefaultToExpiry", new String[] {}, window(day(88), day(95)), day(75), day(75)),
        Arguments.of("theUsersRenewalWindowsHaveTheLastWord", new String[] {"renewal: {windows: [{cron: '0 2 * * *', windowDuration: 1h}]}"}, revoked,
            day(3).plus(Duration.ofHours(2)), day(3).plus(Duration.ofHours(2))),
        Arguments.of("renewalDisabledIgnoresTheWindow", new String[] {"renewal: {policy: Disabled}"}, revoked, null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("effectiveTimes")
  void choosesBetweenTheCasWindowRenewBeforeAndRenewalWindows(String behaviour, String[] specLines, RenewalInformation ari, Instant earliest, Instant latest) {
    var spec = Fixtures.certificate(Stream.concat(Stream.of("dnsNames: [web.example.com]"), Stream.of(specLines)).toArray(String[]::new)).getSpec();
    for (long seed : new long[] {0, 1, -7, 0x5eed, Long.MAX_VALUE}) {
      var effective = RenewalTime.planned(spec, NOT_BEFORE, NINETY_DAYS, ari, seed).map(RenewalWindows.Fit::time);
      if (earliest == null) {
        assertThat(effective).isEmpty();
      } else {
        assertThat(effective).get().satisfies(t -> assertThat(t).isBetween(earliest, latest));
      }
    }
  }
}
