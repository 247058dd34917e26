package dev.certkeeper.acme.challenges;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.ChallengeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PropagationTest {
  private static final Instant PRESENTED = Instant.parse("2026-11-23T10:00:00Z");

  static Stream<Arguments> waits() {
    return Stream.of(
        Arguments.of("just presented", Duration.ZERO, Duration.ofSeconds(2)),
        Arguments.of("after 4 s still the first retry", Duration.ofSeconds(4), Duration.ofSeconds(2)),
        Arguments.of("after 1 min a quarter of it", Duration.ofMinutes(1), Duration.ofSeconds(15)),
        Arguments.of("after 20 min capped at 2 min", Duration.ofMinutes(20), Duration.ofMinutes(2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("waits")
  void selfCheckRetriesGrowWithTheWaitAndAreCapped(String name, Duration waited, Duration expected) {
    ChallengeStatus status = new ChallengeStatus(false, true, PRESENTED.toString(), null, AcmeState.PENDING);
    assertThat(Propagation.backoff(status, PRESENTED.plus(waited))).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void notYetPresentedRetriesSoon() {
    assertThat(Propagation.backoff(new ChallengeStatus(false, false, null, null, AcmeState.PENDING), PRESENTED)).isEqualTo(Duration.ofSeconds(2));
  }
}
