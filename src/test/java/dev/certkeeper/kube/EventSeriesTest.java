package dev.certkeeper.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which Events are repeats, counted on the first Event of their series. */
class EventSeriesTest {
  private static final Instant LAST = Instant.parse("2026-12-06T12:00:00Z");
  private static final EventSeries.Key KEY = new EventSeries.Key("apps", "uid-1", "Warning", "BadConfig", "Skipped a TLS block: spec.tls[0] has no hosts");

  static Stream<Arguments> repeats() {
    return Stream.of(
        Arguments.of("a minute after the last", "web.1", Duration.ofMinutes(1), true),
        Arguments.of("just inside the window", "web.1", Duration.ofMinutes(10).minusSeconds(1), true),
        Arguments.of("at the window's end", "web.1", Duration.ofMinutes(10), false),
        Arguments.of("an hour later, when the Event may have expired", "web.1", Duration.ofHours(1), false),
        Arguments.of("before the first Event was written", null, Duration.ofMinutes(1), false));
  }

  @ParameterizedTest(name = "{0}: {3}")
  @MethodSource("repeats")
  void aRepeatWithinTenMinutesOfTheLastCountsOnTheSameEvent(String description, String eventName, Duration later, boolean continues) {
    EventSeries.Series series = new EventSeries().of(KEY);
    series.eventName = eventName;
    series.count = 3;
    series.last = LAST;

    assertThat(series.continuesAt(LAST.plus(later))).isEqualTo(continues);
  }

  @Test
  void theSameObjectTypeReasonAndMessageAreOneSeriesAndAnyOtherMessageIsAnother() {
    EventSeries series = new EventSeries();

    assertThat(series.of(new EventSeries.Key("apps", "uid-1", "Warning", "BadConfig", KEY.message()))).isSameAs(series.of(KEY));
    assertThat(series.of(new EventSeries.Key("apps", "uid-1", "Warning", "BadConfig", "another problem"))).isNotSameAs(series.of(KEY));
    assertThat(series.of(new EventSeries.Key("apps", "uid-2", "Warning", "BadConfig", KEY.message()))).isNotSameAs(series.of(KEY));
  }
}
