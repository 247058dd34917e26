package dev.certkeeper.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When a Certificate is looked at again without an event. */
class NextLookTest {
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  private static Optional<Instant> in(Duration d) {
    return Optional.of(NOW.plus(d));
  }

  private static Optional<Instant> ago(Duration d) {
    return Optional.of(NOW.minus(d));
  }

  static Stream<Arguments> cases() {
    Optional<Instant> none = Optional.empty();
    return Stream.of(
        Arguments.of("nothing scheduled", none, none, none, none, null),
        Arguments.of("the renewal time ahead", none, in(Duration.ofHours(5)), in(Duration.ofHours(9)), none, Duration.ofHours(5).plusMillis(500)),
        Arguments.of("the ARI check before the renewal", none, in(Duration.ofHours(5)), in(Duration.ofHours(9)), in(Duration.ofHours(1)),
            Duration.ofHours(1).plusMillis(500)),
        Arguments.of("a retry soonest", in(Duration.ofSeconds(30)), in(Duration.ofHours(5)), in(Duration.ofHours(9)), none, Duration.ofSeconds(30).plusMillis(500)),
        Arguments.of("a renewal past while backing off: the back-off, not every second", in(Duration.ofHours(2)), ago(Duration.ofHours(1)),
            in(Duration.ofHours(9)), none, Duration.ofHours(2).plusMillis(500)),
        Arguments.of("expired with renewal disabled: no wake-up at all", none, none, ago(Duration.ofDays(1)), none, null),
        Arguments.of("an ARI check due while its issuer is not ready: the issuer's change wakes it", none, in(Duration.ofHours(5)), in(Duration.ofHours(9)),
            ago(Duration.ofMinutes(1)), Duration.ofHours(5).plusMillis(500)),
        Arguments.of("a retry due now", Optional.of(NOW), in(Duration.ofHours(5)), none, none, Duration.ofSeconds(1)),
        Arguments.of("a retry already past", ago(Duration.ofSeconds(3)), none, none, none, Duration.ofSeconds(1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void looksAgainAtTheRetryOrTheNextInstantAhead(
      String description, Optional<Instant> retryAt, Optional<Instant> renewal, Optional<Instant> notAfter, Optional<Instant> ariCheck, Duration expected) {
    assertThat(NextLook.after(NOW, retryAt, renewal, notAfter, ariCheck)).isEqualTo(Optional.ofNullable(expected));
  }
}
