package dev.certkeeper.certificates.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Five-field cron expressions: the next start at or after an instant, and the errors for bad ones. */
class CronScheduleTest {
  /** A Wednesday. */
  private static final ZonedDateTime FROM = ZonedDateTime.of(2025, 1, 1, 10, 30, 0, 0, ZoneOffset.UTC);

  static Stream<Arguments> nextStarts() {
    return Stream.of(
        Arguments.of("everyMinuteIsNow", "* * * * *", FROM),
        Arguments.of("aStartAtTheInstantCounts", "30 10 * * *", FROM),
        Arguments.of("dailyAtTwoIsTomorrow", "0 2 * * *", FROM.withDayOfMonth(2).withHour(2).withMinute(0)),
        Arguments.of("laterToday", "45 22 * * *", FROM.withHour(22).withMinute(45)),
        Arguments.of("listOfHours", "0 4,11,20 * * *", FROM.withHour(11).withMinute(0)),
        Arguments.of("rangeOfHours", "15 1-3 * * *", FROM.withDayOfMonth(2).withHour(1).withMinute(15)),
        Arguments.of("stepOfMinutes", "*/20 * * * *", FROM.withMinute(40)),
        Arguments.of("stepFromAStart", "5/20 10 * * *", FROM.withMinute(45)),
        Arguments.of("weekdayName", "0 3 * * SAT", ZonedDateTime.of(2025, 1, 4, 3, 0, 0, 0, ZoneOffset.UTC)),
        Arguments.of("sevenIsSunday", "0 3 * * 7", ZonedDateTime.of(2025, 1, 5, 3, 0, 0, 0, ZoneOffset.UTC)),
        Arguments.of("monthName", "0 0 1 MAR *", ZonedDateTime.of(2025, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
        Arguments.of("eitherDayFieldMatchesWhenBothAreRestricted", "0 0 15 * FRI", ZonedDateTime.of(2025, 1, 3, 0, 0, 0, 0, ZoneOffset.UTC)),
        Arguments.of("bothDayFieldsMustMatchWhenOneIsAStar", "0 0 13 * *", ZonedDateTime.of(2025, 1, 13, 0, 0, 0, 0, ZoneOffset.UTC)),
        Arguments.of("leapDay", "0 0 29 2 *", ZonedDateTime.of(2028, 2, 29, 0, 0, 0, 0, ZoneOffset.UTC)),
        Arguments.of("weeklyDescriptor", "@weekly", ZonedDateTime.of(2025, 1, 5, 0, 0, 0, 0, ZoneOffset.UTC)),
        Arguments.of("hourlyDescriptor", "@hourly", FROM.withHour(11).withMinute(0)),
        Arguments.of("secondsRoundUpToTheNextMinute", "* * * * *", FROM));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nextStarts")
  void findsTheNextStart(String behaviour, String cron, ZonedDateTime expected) {
    assertThat(CronSchedule.parse(cron).nextAtOrAfter(FROM)).contains(expected);
  }

  @Test
  void roundsASecondPastTheMinuteUpToTheNextMinute() {
    assertThat(CronSchedule.parse("* * * * *").nextAtOrAfter(FROM.plusSeconds(1))).contains(FROM.plusMinutes(1));
  }

  @Test
  void followsTheTimeZone() {
    ZonedDateTime berlin = FROM.withZoneSameInstant(ZoneId.of("Europe/Berlin"));
    assertThat(CronSchedule.parse("0 2 * * *").nextAtOrAfter(berlin))
        .contains(ZonedDateTime.of(2025, 1, 2, 2, 0, 0, 0, ZoneId.of("Europe/Berlin")));
  }

  @Test
  void movesAStartInADaylightSavingGapForward() {
    ZonedDateTime before = ZonedDateTime.of(2025, 3, 30, 0, 0, 0, 0, ZoneId.of("Europe/Berlin"));
    assertThat(CronSchedule.parse("30 2 30 3 *").nextAtOrAfter(before).map(ZonedDateTime::toLocalTime).map(Object::toString)).contains("03:30");
  }

  @Test
  void hasNoStartForADayThatNeverComes() {
    assertThat(CronSchedule.parse("0 0 30 2 *").nextAtOrAfter(FROM)).isEmpty();
  }

  static Stream<Arguments> badExpressions() {
    return Stream.of(
        Arguments.of("0 2 * *", "must have 5 fields"),
        Arguments.of("", "it has 0"),
        Arguments.of("60 * * * *", "minute value 60 is outside 0-59"),
        Arguments.of("0 24 * * *", "hour value 24 is outside 0-23"),
        Arguments.of("0 0 0 * *", "day-of-month value 0 is outside 1-31"),
        Arguments.of("0 0 * 13 *", "month value 13 is outside 1-12"),
        Arguments.of("0 0 * * MONDAY", "day-of-week \"MONDAY\" is not a number or a name such as SUN"),
        Arguments.of("0 5-2 * * *", "hour range \"5-2\" starts after it ends"),
        Arguments.of("*/0 * * * *", "minute value 0 is outside 1-59"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badExpressions")
  void rejectsABadExpressionSayingWhy(String cron, String message) {
    assertThatThrownBy(() -> CronSchedule.parse(cron)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }
}
