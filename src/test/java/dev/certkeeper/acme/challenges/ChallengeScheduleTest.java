package dev.certkeeper.acme.challenges;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.ChallengeSpec;
import dev.certkeeper.api.acme.ChallengeStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChallengeScheduleTest {
  /** A Challenge named {@code name} (also its uid), created at second {@code second}, for {@code domain}. */
  static Challenge challenge(String name, int second, String domain, ChallengeSpec.Type type, ChallengeStatus status, boolean deleting) {
    Challenge challenge = new Challenge();
    challenge.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace("ns").withUid(name).withCreationTimestamp(String.format("2026-12-05T10:00:%02dZ", second))
            .withDeletionTimestamp(deleting ? "2026-12-05T11:00:00Z" : null).build());
    challenge.setSpec(new ChallengeSpec("https://ca.example/chall/" + name, "https://ca.example/authz/" + name, domain, false, type, "t", "t.k", null, null));
    challenge.setStatus(status);
    return challenge;
  }

  static Challenge waiting(String name, int second, String domain) {
    return challenge(name, second, domain, ChallengeSpec.Type.HTTP_01, null, false);
  }

  static Challenge presented(String name, int second, String domain) {
    return challenge(name, second, domain, ChallengeSpec.Type.HTTP_01, new ChallengeStatus(false, true, "2026-12-05T10:01:00Z", null, AcmeState.PENDING), false);
  }

  private static Challenge accepted(String name, int second, String domain) {
    return challenge(name, second, domain, ChallengeSpec.Type.HTTP_01, new ChallengeStatus(true, true, "2026-12-05T10:01:00Z", null, AcmeState.PENDING), false);
  }

  private static Challenge valid(String name, int second, String domain) {
    return challenge(name, second, domain, ChallengeSpec.Type.HTTP_01, new ChallengeStatus(false, false, "2026-12-05T10:01:00Z", null, AcmeState.VALID), false);
  }

  static Stream<Arguments> decisions() {
    Challenge candidate = waiting("candidate", 30, "app.example.com");
    return Stream.of(
        // name, candidate, the other Challenges, admitted by this process, limit, why it waits (null: it starts);
        // every Challenge here that is not in progress has asked for a place, unless its name starts with "silent"
        Arguments.of("starts below the limit", candidate, List.of(presented("a", 1, "a.example.com")), Set.of(), 2, null),
        Arguments.of("waits at the limit", candidate, List.of(presented("a", 1, "a.example.com")), Set.of(), 1, "Waiting for a free place: 1 challenge is being solved"),
        Arguments.of("a Challenge accepted at the CA holds a place", candidate, List.of(accepted("a", 1, "a.example.com")), Set.of(), 1, "Waiting for a free place"),
        Arguments.of("an admission not yet in the status holds a place", candidate, List.of(waiting("a", 1, "a.example.com")), Set.of("a"), 1, "Waiting for a free place"),
        Arguments.of("a final Challenge holds none", candidate, List.of(valid("a", 1, "a.example.com")), Set.of(), 1, null),
        Arguments.of(
            "a Challenge being deleted holds none", candidate,
            List.of(challenge("a", 1, "a.example.com", ChallengeSpec.Type.HTTP_01, new ChallengeStatus(false, true, null, null, AcmeState.PENDING), true)), Set.of(), 1,
            null),
        Arguments.of(
            "one in progress keeps its place over the limit", presented("candidate", 30, "app.example.com"),
            List.of(presented("a", 1, "a.example.com"), presented("b", 2, "b.example.com")), Set.of(), 1, null),
        Arguments.of("waits while the same domain is solved", candidate, List.of(presented("a", 1, "APP.example.com")), Set.of(), 5, "Waiting for Challenge \"ns/a\" for the same domain"),
        Arguments.of(
            "the same name by another type is another record", candidate,
            List.of(challenge("a", 1, "app.example.com", ChallengeSpec.Type.DNS_01, new ChallengeStatus(false, true, null, null, AcmeState.PENDING), false)), Set.of(), 5,
            null),
        Arguments.of("an older waiting one starts first", candidate, List.of(waiting("a", 1, "a.example.com")), Set.of(), 1, "Waiting for older challenges to start first"),
        Arguments.of("a younger waiting one starts after", candidate, List.of(waiting("z", 59, "z.example.com")), Set.of(), 1, null),
        Arguments.of("an older one for the same domain goes first", candidate, List.of(waiting("a", 1, "app.example.com")), Set.of(), 5, "Waiting for Challenge \"ns/a\" for the same domain"),
        Arguments.of("an older one that never asked (issuer not ready) holds up nobody", candidate, List.of(waiting("silent", 1, "a.example.com")), Set.of(), 1, null),
        Arguments.of("nor does one for the same domain", candidate, List.of(waiting("silent", 1, "app.example.com")), Set.of(), 1, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void admitsOldestFirstUpToTheLimitAndOnePerDomain(String name, Challenge candidate, List<Challenge> others, Set<String> admitted, int limit, String waits) {
    List<Challenge> all = Stream.concat(others.stream(), Stream.of(candidate)).toList();
    Optional<String> reason = ChallengeSchedule.waitReason(candidate, all, admitted, asking(all), limit);
    if (waits == null) {
      assertThat(reason).isEmpty();
    } else {
      assertThat(reason).hasValueSatisfying(r -> assertThat(r).startsWith(waits));
    }
  }

  @Test
  void startsTheOldestWaitingOnesThatFitSkippingDomainsInProgress() {
    List<Challenge> all =
        List.of(
            presented("running", 1, "busy.example.com"), waiting("c", 40, "c.example.com"), waiting("a", 10, "a.example.com"),
            waiting("b", 20, "busy.example.com"), waiting("d", 50, "d.example.com"), waiting("a-again", 30, "a.example.com"));
    assertThat(ChallengeSchedule.startable(all, Set.of(), asking(all), 3)).extracting(c -> c.getMetadata().getName()).containsExactly("a", "c");
    assertThat(ChallengeSchedule.startable(all, Set.of(), asking(all), 1)).isEmpty();
    assertThat(ChallengeSchedule.startable(all, Set.of(), asking(all), 60)).extracting(c -> c.getMetadata().getName()).containsExactly("a", "c", "d");
    assertThat(ChallengeSchedule.startable(all, Set.of(), Set.of("d"), 60)).as("only those that asked").extracting(c -> c.getMetadata().getName()).containsExactly("d");
  }

  /** The uids of the Challenges that asked for a place: all but those named "silent…". */
  private static Set<String> asking(List<Challenge> challenges) {
    return challenges.stream().map(c -> c.getMetadata().getUid()).filter(uid -> !uid.startsWith("silent")).collect(Collectors.toSet());
  }
}
