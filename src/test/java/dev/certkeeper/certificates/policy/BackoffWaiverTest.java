package dev.certkeeper.certificates.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A failed issuance waits out its back-off unless its issuer changed since the failed attempt. */
class BackoffWaiverTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("waivesWhenTheIssuerWasEditedAfterTheFailure", Optional.of("3"), 4L,
            Optional.of("ClusterIssuer \"le\" changed since the failed attempt (generation 3 to 4)")),
        Arguments.of("keepsTheBackoffForAnUnchangedIssuer", Optional.of("3"), 3L, Optional.empty()),
        Arguments.of("keepsTheBackoffWhenTheFailedRequestRecordedNoGeneration", Optional.empty(), 4L, Optional.empty()),
        Arguments.of("keepsTheBackoffWhenTheIssuerIsGone", Optional.of("3"), null, Optional.empty()),
        Arguments.of("waivesForAnIssuerDeletedAndCreatedAgain", Optional.of("7"), 1L,
            Optional.of("ClusterIssuer \"le\" changed since the failed attempt (generation 7 to 1)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesWhetherTheBackoffIsWaived(String behaviour, Optional<String> atFailure, Long now, Optional<String> expected) {
    assertThat(BackoffWaiver.issuerChanged(atFailure, now, "ClusterIssuer \"le\"")).isEqualTo(expected);
  }
}
