package dev.certkeeper.acme.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.ChallengeStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderChallengesTest {
  private static Challenge challenge(ChallengeStatus status, boolean deleting) {
    Challenge challenge = new Challenge();
    challenge.setMetadata(new ObjectMetaBuilder().withName("c").withDeletionTimestamp(deleting ? "2026-11-23T10:00:00Z" : null).build());
    challenge.setStatus(status);
    return challenge;
  }

  private static ChallengeStatus status(boolean processing, AcmeState state) {
    return new ChallengeStatus(processing, true, "2026-11-23T10:00:00Z", null, state);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // name, challenge, awaiting the CA's verdict, left over once the order is final
        Arguments.of("new, no status", challenge(null, false), false, true),
        Arguments.of("self-checking", challenge(status(false, AcmeState.PENDING), false), false, true),
        Arguments.of("accepted at the CA", challenge(status(true, AcmeState.PENDING), false), true, false),
        Arguments.of("valid", challenge(status(false, AcmeState.VALID), false), false, false),
        Arguments.of("invalid", challenge(status(false, AcmeState.INVALID), false), false, false),
        Arguments.of("accepted, being deleted", challenge(status(true, AcmeState.PENDING), true), false, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesWhatAFinishedOrderWaitsForAndWhatItRemoves(String name, Challenge challenge, boolean awaiting, boolean leftOver) {
    assertThat(OrderChallenges.awaitingVerdict(List.of(challenge))).isEqualTo(awaiting);
    assertThat(OrderChallenges.leftOver(List.of(challenge))).hasSize(leftOver ? 1 : 0);
  }
}
