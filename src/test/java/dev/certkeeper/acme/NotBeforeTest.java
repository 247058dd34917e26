package dev.certkeeper.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The time before which the CA is not asked again, as Orders and Challenges record it. */
class NotBeforeTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  static Stream<Arguments> waits() {
    return Stream.of(
        Arguments.of("a whole second stays as it is", NOW, Duration.ofSeconds(20), "2026-11-23T10:00:20Z"),
        Arguments.of("part of a second is rounded up", NOW.plusMillis(300), Duration.ofSeconds(10), "2026-11-23T10:00:11Z"),
        Arguments.of("a wait ending a millisecond past a second is rounded up", NOW, Duration.ofMillis(20_001), "2026-11-23T10:00:21Z"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("waits")
  void recordsTheEndOfAWaitNeverEarly(String behaviour, Instant now, Duration wait, String expected) {
    assertThat(NotBefore.after(now, wait)).isEqualTo(Instant.parse(expected)).isAfterOrEqualTo(now.plus(wait));
  }

  static Stream<Arguments> remaining() {
    return Stream.of(
        Arguments.of("nothing recorded: ask now", null, NOW, null),
        Arguments.of("before the recorded time: wait the rest", "2026-11-23T10:00:20Z", NOW, Duration.ofSeconds(20)),
        Arguments.of("at the recorded time: ask now", "2026-11-23T10:00:20Z", NOW.plusSeconds(20), null),
        Arguments.of("after the recorded time: ask now", "2026-11-23T10:00:20Z", NOW.plusSeconds(30), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("remaining")
  void neverAsksTheCaBeforeTheRecordedTime(String behaviour, String recorded, Instant now, Duration expected) {
    assertThat(NotBefore.remaining(recorded, now)).isEqualTo(Optional.ofNullable(expected));
  }
}
