package dev.certkeeper.certificates.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A failed request is replaced when it answered an earlier attempt, and counted when it answers this one. */
class StaleFailureTest {
  private static final String T0 = "2026-12-05T10:00:00Z";
  private static final String T1 = "2026-12-05T10:00:01Z";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("aRequestThatHasNotFailedIsNeverStale", Optional.of("1"), null, 3, Optional.of(T1), false),
        Arguments.of("countsTheFirstAttemptsFailure", Optional.of("1"), T0, null, Optional.of(T0), false),
        Arguments.of("countsTheThirdAttemptsFailure", Optional.of("3"), T1, 2, Optional.of(T0), false),
        Arguments.of("replacesAFailureAlreadyCounted", Optional.of("2"), T0, 2, Optional.of(T1), true),
        Arguments.of("replacesAFailureCountedInTheSameSecondTheNewAttemptBegan", Optional.of("2"), T0, 2, Optional.of(T0), true),
        Arguments.of("replacesAFailureFromBeforeTheFailuresWereReset", Optional.of("4"), T0, null, Optional.of(T1), true),
        Arguments.of("judgesAnUnnumberedRequestThatFailedBeforeTheAttemptAsStale", Optional.empty(), T0, 1, Optional.of(T1), true),
        Arguments.of("judgesAnUnnumberedRequestThatFailedDuringTheAttemptAsItsAnswer", Optional.empty(), T1, null, Optional.of(T0), false),
        Arguments.of("judgesAnUnreadableNumberByTime", Optional.of("two"), T1, null, Optional.of(T0), false),
        Arguments.of("judgesAnUnnumberedFailureWithoutAnIssuingConditionAsStale", Optional.empty(), T0, null, Optional.empty(), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesWhetherAFailedRequestIsStale(
      String behaviour, Optional<String> attempt, String failureTime, Integer failedAttempts, Optional<String> issuingSince, boolean stale) {
    assertThat(StaleFailure.isStale(attempt, failureTime, failedAttempts, issuingSince)).isEqualTo(stale);
  }

  @ParameterizedTest(name = "{0} failures so far: attempt {1}")
  @MethodSource("numbers")
  void numbersTheAttemptAfterTheFailuresSoFar(Integer failures, int attempt) {
    assertThat(StaleFailure.attemptNumber(failures)).isEqualTo(attempt);
  }

  static Stream<Arguments> numbers() {
    return Stream.of(Arguments.of(null, 1), Arguments.of(0, 1), Arguments.of(3, 4));
  }
}
