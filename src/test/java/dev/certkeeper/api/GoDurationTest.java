package dev.certkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "2160h, PT2160H",
    "1h30m, PT1H30M",
    "90m, PT1H30M",
    "1.5h, PT1H30M",
    "45s, PT45S",
    "1h0m0s, PT1H",
    "250ms, PT0.25S",
    "0, PT0S",
    "1h1m1s1ms1us1ns, PT1H1M1.001001001S"
  })
  void parsesGoDurations(String text, Duration expected) {
    assertThat(GoDuration.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"90d", "", "h", "1", "-1h", "1 h", "1H", "1h-5m", "100000000000h"})
  void rejectsWhatGoRejectsOrCertManagerForbids(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid duration \"" + text + "\"");
  }

  @ParameterizedTest(name = "{0} prints as {1}")
  @CsvSource({"PT2160H, 2160h0m0s", "PT1H30M, 1h30m0s", "PT45S, 45s", "PT0.25S, 0.25s", "PT0S, 0s", "PT5M, 5m0s"})
  void formatsLikeGo(Duration duration, String expected) {
    assertThat(GoDuration.format(duration)).isEqualTo(expected);
  }
}
