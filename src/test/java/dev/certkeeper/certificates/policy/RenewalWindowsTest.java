package dev.certkeeper.certificates.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.RenewalWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Renewal times fitted into renewal.windows. */
class RenewalWindowsTest {
  private static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant NOT_AFTER = NOT_BEFORE.plus(Duration.ofDays(90));
  /** Day 60, a Sunday, 12:00 UTC. */
  private static final Instant DESIRED = Instant.parse("2025-03-02T12:00:00Z");

  static Stream<Arguments> fits() {
    return Stream.of(
        Arguments.of("keepsATimeInsideAWindow", List.of(window("0 10 * * *", "4h", null)), DESIRED),
        Arguments.of("keepsATimeAtAWindowsStart", List.of(window("0 12 * * *", "1h", null)), DESIRED),
        Arguments.of("movesATimeAtAWindowsEndToTheNextStart", List.of(window("0 10 * * *", "2h", null)), Instant.parse("2025-03-03T10:00:00Z")),
        Arguments.of("movesToTheNextWindowStart", List.of(window("0 2 * * TUE", "2h", null)), Instant.parse("2025-03-04T02:00:00Z")),
        Arguments.of("takesTheEarliestOfSeveralWindows",
            List.of(window("0 2 * * TUE", "2h", null), window("30 22 * * *", "1h", null)), Instant.parse("2025-03-02T22:30:00Z")),
        Arguments.of("keepsATimeInsideAnyOfSeveralWindows",
            List.of(window("0 2 * * TUE", "2h", null), window("0 11 * * SUN", "2h", null)), DESIRED),
        Arguments.of("readsTheCronInItsTimeZone", List.of(window("0 2 * * *", "1h", "America/New_York")), Instant.parse("2025-03-03T07:00:00Z")),
        Arguments.of("renewsEarlyWhenTheNextWindowIsAfterExpiry", List.of(window("0 0 1 2 *", "24h", null)), Instant.parse("2025-02-01T00:00:00Z")),
        Arguments.of("noWindowsKeepTheTime", List.of(), DESIRED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void fitsTheRenewalTime(String behaviour, List<RenewalWindow> windows, Instant expected) {
    RenewalWindows.Fit fit = RenewalWindows.fit(DESIRED, windows, NOT_BEFORE, NOT_AFTER);
    assertThat(fit.time()).isEqualTo(expected);
    assertThat(fit.problem()).isEmpty();
  }

  @Test
  void keepsTheTimeAndSaysWhyWhenNoWindowFitsTheLifetime() {
    RenewalWindows.Fit fit = RenewalWindows.fit(DESIRED, List.of(window("0 0 1 12 *", "1h", null)), NOT_BEFORE, NOT_AFTER);
    assertThat(fit.time()).isEqualTo(DESIRED);
    assertThat(fit.problem()).hasValueSatisfying(p -> assertThat(p).contains("no renewal window starts between").contains("regardless of windows"));
  }

  @Test
  void neverRenewsAtAWindowTheCertificateWasJustIssuedIn() {
    // A 160-hour certificate issued in the Saturday 02:00 window, its notBefore backdated an hour,
    // as Let's Encrypt does; the next Saturday is after expiry.
    Instant notBefore = Instant.parse("2025-01-04T01:00:00Z");
    Instant notAfter = notBefore.plus(Duration.ofHours(160));
    Instant desired = notAfter.minus(Duration.ofHours(160).dividedBy(3));

    RenewalWindows.Fit fit = RenewalWindows.fit(desired, List.of(window("0 2 * * SAT", "4h", null)), notBefore, notAfter);

    assertThat(fit.time()).as("not the 02:00 start it was issued at, which is past").isEqualTo(desired);
    assertThat(fit.problem()).hasValueSatisfying(p -> assertThat(p).contains("no renewal window starts between 2025-01-06T06:20:00Z"));
  }

  @Test
  void keepsTheTimeAndNamesTheBadWindow() {
    RenewalWindows.Fit fit = RenewalWindows.fit(DESIRED, List.of(window("0 2 * * *", "1h", null), window("0 2 * *", "1h", null)), NOT_BEFORE, NOT_AFTER);
    assertThat(fit.time()).isEqualTo(DESIRED);
    assertThat(fit.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("renewal.windows[1]: cron expression \"0 2 * *\" must have 5 fields"));
  }

  @Test
  void namesAnUnknownTimeZone() {
    RenewalWindows.Fit fit = RenewalWindows.fit(DESIRED, List.of(window("0 2 * * *", "1h", "Mars/Olympus")), NOT_BEFORE, NOT_AFTER);
    assertThat(fit.problem()).hasValueSatisfying(p -> assertThat(p).contains("renewal.windows[0]").contains("Mars/Olympus"));
  }

  @Test
  void schedulesTheCertificatesRenewalInsideItsWindow() {
    var spec = Fixtures.certificate("dnsNames: [web.example.com]", "renewal: {windows: [{cron: '0 2 * * TUE', windowDuration: 2h}]}").getSpec();
    assertThat(RenewalTime.scheduled(spec, NOT_BEFORE, NOT_AFTER)).contains(Instant.parse("2025-03-04T02:00:00Z"));
  }

  private static RenewalWindow window(String cron, String length, String timezone) {
    return new RenewalWindow(cron, length, timezone);
  }
}
