package dev.certkeeper.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AgesTest {
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

  @ParameterizedTest
  @CsvSource({
    "0, 0s",
    "-30, 0s",
    "119, 119s",
    "120, 2m",
    "330, 5m30s",
    "600, 10m",
    "10799, 179m",
    "10800, 3h",
    "11700, 3h15m",
    "28800, 8h",
    "172799, 47h",
    "172800, 2d",
    "190800, 2d5h",
    "691200, 8d",
    "63072000, 2y",
    "66211200, 2y36d",
    "315360000, 10y"
  })
  void printsDurationsCoarserTheFurtherAwayAsKubectlDoes(long seconds, String expected) {
    assertThat(Ages.human(Duration.ofSeconds(seconds))).isEqualTo(expected);
  }

  @Test
  void agesCountFromTheTimeToNow() {
    assertThat(Ages.since("2026-12-05T11:55:00Z", NOW)).isEqualTo("5m");
    assertThat(Ages.since(null, NOW)).isEmpty();
    assertThat(Ages.since("not a time", NOW)).isEmpty();
  }

  @Test
  void relativeTimesSayWhetherTheyAreAheadOrBehind() {
    assertThat(Ages.relative("2027-01-04T12:00:00Z", NOW)).isEqualTo("in 30d");
    assertThat(Ages.relative("2026-12-02T12:00:00Z", NOW)).isEqualTo("3d ago");
    assertThat(Ages.relative("", NOW)).isEmpty();
  }
}
