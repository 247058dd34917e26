package dev.certkeeper.acme.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeAuthorization;
import dev.certkeeper.api.acme.AcmeChallengeSolver;
import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.ChallengeSpec;
import dev.certkeeper.api.acme.ChallengeStatus;
import dev.certkeeper.api.acme.Http01Solver;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderChallengesTest {
  private static final String AUTHZ_A = "https://ca.example/authz/a";
  private static final String AUTHZ_B = "https://ca.example/authz/b";

  private static Challenge challenge(ChallengeStatus status, boolean deleting) {
    return challenge(AUTHZ_A, status, deleting);
  }

  private static Challenge challenge(String authorization, ChallengeStatus status, boolean deleting) {
    Challenge challenge = new Challenge();
    challenge.setMetadata(new ObjectMetaBuilder().withName("c").withDeletionTimestamp(deleting ? "2026-11-23T10:00:00Z" : null).build());
    challenge.setSpec(new ChallengeSpec("https://ca.example/chall", authorization, "a.example.com", false, ChallengeSpec.Type.HTTP_01, "t", "t.k", null, null));
    challenge.setStatus(status);
    return challenge;
  }

  private static AcmeAuthorization authorization(String url, AcmeState initialState) {
    return new AcmeAuthorization(url, "a.example.com", false, initialState, List.of());
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

  static Stream<Arguments> solving() {
    AcmeAuthorization a = authorization(AUTHZ_A, AcmeState.PENDING);
    AcmeAuthorization b = authorization(AUTHZ_B, null);
    return Stream.of(
        // name, authorizations, challenges, still being solved (the CA's order cannot have moved on)
        Arguments.of("no authorizations recorded", null, List.of(), false),
        Arguments.of("no Challenge created yet", List.of(a), List.of(), true),
        Arguments.of("Challenge self-checking", List.of(a), List.of(challenge(status(false, AcmeState.PENDING), false)), true),
        Arguments.of("Challenge accepted at the CA", List.of(a), List.of(challenge(status(true, AcmeState.PENDING), false)), true),
        Arguments.of("Challenge valid", List.of(a), List.of(challenge(status(false, AcmeState.VALID), false)), false),
        Arguments.of("Challenge invalid", List.of(a), List.of(challenge(status(false, AcmeState.INVALID), false)), false),
        Arguments.of("valid Challenge being deleted", List.of(a), List.of(challenge(status(false, AcmeState.VALID), true)), true),
        Arguments.of("authorization granted before the order", List.of(authorization(AUTHZ_A, AcmeState.VALID)), List.of(), false),
        Arguments.of("one of two decided", List.of(a, b), List.of(challenge(AUTHZ_A, status(false, AcmeState.VALID), false)), true),
        Arguments.of(
            "both decided", List.of(a, b),
            List.of(challenge(AUTHZ_A, status(false, AcmeState.VALID), false), challenge(AUTHZ_B, status(false, AcmeState.INVALID), false)), false),
        Arguments.of("only another authorization's Challenge decided", List.of(a), List.of(challenge(AUTHZ_B, status(false, AcmeState.VALID), false)), true),
        Arguments.of(
            "one failed while another is still solved: the CA has failed the order", List.of(a, b),
            List.of(challenge(AUTHZ_A, status(false, AcmeState.INVALID), false), challenge(AUTHZ_B, status(false, AcmeState.PENDING), false)), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("solving")
  void asksTheCaAboutAPendingOrderOnlyOnceEveryChallengeHasAVerdict(
      String name, List<AcmeAuthorization> authorizations, List<Challenge> challenges, boolean stillBeingSolved) {
    assertThat(OrderChallenges.stillBeingSolved(authorizations, challenges)).isEqualTo(stillBeingSolved);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesWhatAFinishedOrderWaitsForAndWhatItRemoves(String name, Challenge challenge, boolean awaiting, boolean leftOver) {
    assertThat(OrderChallenges.awaitingVerdict(List.of(challenge))).isEqualTo(awaiting);
    assertThat(OrderChallenges.leftOver(List.of(challenge))).hasSize(leftOver ? 1 : 0);
  }

  static Stream<Arguments> redone() {
    ChallengeStatus presented = status(false, AcmeState.PENDING);
    return Stream.of(
        // name, challenge, redone with another solver
        Arguments.of("not asked yet", challenge(presented, false), true),
        Arguments.of("not asked yet, no status", challenge(null, false), true),
        Arguments.of("accepted at the CA", challenge(status(true, AcmeState.PENDING), false), false),
        Arguments.of("valid", challenge(status(false, AcmeState.VALID), false), false),
        Arguments.of("being deleted", challenge(presented, true), false),
        Arguments.of("waiting out the CA's Retry-After", challenge(presented.withRetryAfter("2026-11-23T10:05:00Z"), false), false),
        Arguments.of("the CA's Retry-After is over", challenge(presented.withRetryAfter("2026-11-23T09:55:00Z"), false), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("redone")
  void redoesAChallengeForTheIssuersNewSolverOnlyBeforeTheCaIsAskedAndNotWhileItSaysToWait(String name, Challenge challenge, boolean redone) {
    AcmeChallengeSolver newSolver = new AcmeChallengeSolver(null, new Http01Solver(null, null), null, null);

    assertThat(OrderSteps.redo(challenge, newSolver, Instant.parse("2026-11-23T10:00:00Z"))).isEqualTo(redone);
  }
}
