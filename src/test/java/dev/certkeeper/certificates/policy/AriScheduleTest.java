package dev.certkeeper.certificates.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.CertificateAcmeStatus.RenewalInformation;
import dev.certkeeper.api.certmanager.CertificateAcmeStatus.SuggestedWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When to ask the CA for renewal information again, what to record, and which instant of its window to renew at. */
class AriScheduleTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant NOT_BEFORE = Instant.parse("2026-02-01T00:00:00Z");
  private static final SuggestedWindow WINDOW = new SuggestedWindow("2026-04-01T00:00:00Z", "2026-04-03T00:00:00Z");

  private static RenewalInformation checked(Instant lastChecked, Instant nextCheck, String error) {
    return new RenewalInformation(WINDOW, null, lastChecked.toString(), nextCheck.toString(), error);
  }

  static Stream<Arguments> checks() {
    return Stream.of(
        Arguments.of("nothing recorded yet", null, true),
        Arguments.of("nextCheck still ahead", checked(NOW.minusSeconds(60), NOW.plusSeconds(1), null), false),
        Arguments.of("nextCheck reached", checked(NOW.minusSeconds(60), NOW, null), true),
        Arguments.of("nextCheck passed", checked(NOW.minus(Duration.ofHours(7)), NOW.minus(Duration.ofHours(1)), null), true),
        Arguments.of("after a failure, its back-off still ahead", checked(NOW.minusSeconds(60), NOW.plusSeconds(240), "down"), false),
        Arguments.of("checked before this certificate existed (the one it replaced)",
            checked(NOT_BEFORE.minusSeconds(1), NOW.plus(Duration.ofHours(5)), null), true),
        Arguments.of("checked in the second this certificate was issued", checked(NOT_BEFORE, NOW.plusSeconds(60), null), false),
        Arguments.of("a nextCheck that is not a time", new RenewalInformation(WINDOW, null, NOW.toString(), "soon", null), true),
        Arguments.of("no lastChecked", new RenewalInformation(WINDOW, null, null, NOW.plusSeconds(60).toString(), null), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void asksAgainOnlyWhenTheRecordSaysSo(String behaviour, RenewalInformation recorded, boolean due) {
    assertThat(AriSchedule.checkDue(recorded, NOT_BEFORE.plusMillis(400), NOW)).isEqualTo(due);
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of("no Retry-After: six hours", null, NOW.plus(Duration.ofHours(6))),
        Arguments.of("the CA's Retry-After", NOW.plus(Duration.ofHours(3)), NOW.plus(Duration.ofHours(3))),
        Arguments.of("a Retry-After of seconds waits a minute", NOW.plusSeconds(5), NOW.plusSeconds(60)),
        Arguments.of("a Retry-After in the past waits a minute", NOW.minusSeconds(30), NOW.plusSeconds(60)),
        Arguments.of("a Retry-After of a week waits a day", NOW.plus(Duration.ofDays(7)), NOW.plus(Duration.ofDays(1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void recordsTheWindowAndWhenToAskAgain(String behaviour, Instant retryAfter, Instant nextCheck) {
    RenewalInformation recorded =
        AriSchedule.answered(
            checked(NOW.minusSeconds(600), NOW, "earlier failure"), Instant.parse("2026-04-10T08:00:00.250Z"), Instant.parse("2026-04-12T08:00:00.750Z"),
            "https://ca.example/why", retryAfter, NOW);
    assertThat(recorded)
        .isEqualTo(new RenewalInformation(
            new SuggestedWindow("2026-04-10T08:00:00Z", "2026-04-12T08:00:00Z"), "https://ca.example/why", NOW.toString(), nextCheck.toString(), null));
  }

  @Test
  void recordsAWindowThatEndsBeforeItStartsAsAFailedCheck() {
    RenewalInformation recorded =
        AriSchedule.answered(null, Instant.parse("2026-04-12T00:00:00Z"), Instant.parse("2026-04-10T00:00:00Z"), null, null, NOW);
    assertThat(recorded.suggestedWindow()).isNull();
    assertThat(recorded.lastError()).contains("ends (2026-04-10T00:00:00Z) before it starts (2026-04-12T00:00:00Z)");
    assertThat(recorded.nextCheck()).isEqualTo(NOW.plus(Duration.ofMinutes(5)).toString());
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("first failure, nothing recorded before", null, Duration.ofMinutes(5)),
        Arguments.of("first failure after a good answer", checked(NOW.minus(Duration.ofHours(6)), NOW, null), Duration.ofMinutes(5)),
        Arguments.of("second failure in a row doubles", checked(NOW.minus(Duration.ofMinutes(5)), NOW, "down"), Duration.ofMinutes(10)),
        Arguments.of("later failures keep doubling", checked(NOW.minus(Duration.ofMinutes(80)), NOW, "down"), Duration.ofMinutes(160)),
        Arguments.of("the back-off stops at six hours", checked(NOW.minus(Duration.ofHours(4)), NOW, "down"), Duration.ofHours(6)),
        Arguments.of("a garbled record starts over", new RenewalInformation(null, null, "x", "y", "down"), Duration.ofMinutes(5)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void backsOffAfterFailuresAndKeepsTheLastWindow(String behaviour, RenewalInformation previous, Duration wait) {
    RenewalInformation recorded = AriSchedule.failed(previous, "connection refused", NOW);
    assertThat(recorded.lastError()).isEqualTo("connection refused");
    assertThat(recorded.lastChecked()).isEqualTo(NOW.toString());
    assertThat(recorded.nextCheck()).isEqualTo(NOW.plus(wait).toString());
    assertThat(recorded.suggestedWindow()).isEqualTo(previous == null ? null : previous.suggestedWindow());
  }

  @Test
  void picksAnInstantInsideTheWindowForEverySeed() {
    Instant start = Instant.parse("2026-04-01T00:00:00Z");
    Instant end = Instant.parse("2026-04-03T00:00:00Z");
    Set<Instant> seen = new HashSet<>();
    LongStream.range(0, 500).forEach(seed -> {
      Instant instant = AriSchedule.instantIn(start, end, seed);
      assertThat(instant).isBetween(start, end.minusSeconds(1));
      seen.add(instant);
    });
    // Spread over the window, not a few fixed points.
    assertThat(seen).hasSizeGreaterThan(490);
    assertThat(seen.stream().filter(i -> i.isBefore(start.plus(Duration.ofDays(1))))).hasSizeBetween(200, 300);
  }

  @Test
  void picksTheSameInstantForTheSameSeed() {
    Instant start = Instant.parse("2026-04-01T00:00:00Z");
    Instant end = Instant.parse("2026-04-03T00:00:00Z");
    assertThat(AriSchedule.instantIn(start, end, 0x5eed)).isEqualTo(AriSchedule.instantIn(start, end, 0x5eed));
    assertThat(AriSchedule.instantIn(start, end, 0x5eed)).isNotEqualTo(AriSchedule.instantIn(start, end, 0x5eee));
  }

  static Stream<Arguments> instants() {
    return Stream.of(
        Arguments.of("nothing recorded", null, false),
        Arguments.of("a failure with no window yet", new RenewalInformation(null, null, NOW.toString(), NOW.toString(), "down"), false),
        Arguments.of("a window", checked(NOW, NOW, null), true),
        Arguments.of("a window kept through a failure", checked(NOW, NOW, "down"), true),
        Arguments.of("a window that is not times", new RenewalInformation(new SuggestedWindow("monday", "tuesday"), null, null, null, null), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("instants")
  void renewsInsideARecordedWindowOnly(String behaviour, RenewalInformation recorded, boolean hasInstant) {
    assertThat(AriSchedule.renewalInstant(recorded, 42).isPresent()).isEqualTo(hasInstant);
    AriSchedule.renewalInstant(recorded, 42)
        .ifPresent(i -> assertThat(i).isBetween(Instant.parse(WINDOW.start()), Instant.parse(WINDOW.end())));
  }

  @Test
  void anEmptyWindowRenewsAtItsStart() {
    Instant start = Instant.parse("2026-04-01T00:00:00Z");
    assertThat(AriSchedule.instantIn(start, start, 7)).isEqualTo(start);
  }
}
